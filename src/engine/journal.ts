/**
 * The resume journal of a job (issue 13): an append-only file (JSON lines, mode 0600 in a 0700 folder) that says
 * where each source was being written (the roots pre-flight chose) and which files are finished. Written as the job
 * goes — each finished file once it is durable under its final name (the commit groups settle it), flushed at most
 * once a second and at the end (`fdatasync` unless the job does not sync) — so a run cut by kill -9, a crash, a
 * power cut or Ctrl-C can be run again and continue:
 *
 * - into the same roots: `ferry S D` with `D` missing makes `D` the copy; run again, `D` exists and cp -r rules would
 *   nest a second copy at `D/S`. The journal knows the first run was writing `D` ({@link JobJournal.rootFor});
 * - skipping the files it finished, when the source is still the one copied (size, mtime, device, inode) and the
 *   destination still holds a file of that size ({@link JobJournal.finished}); everything else is copied again under
 *   the job's conflict policy. Partial files of the cut run are removed by the walk (stale-partials.ts).
 *
 * The caller (the CLI) names the file, keyed by the job's identity; the job removes it when it ends with every file
 * done, and keeps it when it was stopped or files failed.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { JobOptions } from '../shared/job-options'
import { type BytePath, fsPath } from './lib/byte-path'
import type { CopyItem } from './protocol'

const VERSION = 1
/** Seconds between flushes of new records (and at the end). */
const FLUSH_MS = 1000

/** The first line: what the job is and where its sources go. */
interface Header {
  v: number
  startedAt: string
  roots: Array<{ source: string; target: string }>
  /** The job's options, so a window can offer to resume it after a restart. */
  options?: JobOptions
}

/**
 * One finished file: destination path (bytes, as the walk names it), source size, mtime (ms, or null), device,
 * inode, and the name it landed under when that differs (keep both).
 */
type JournalRecord = [BytePath, number, number | null, number, number, BytePath?]

/** What a journal left by an earlier run says. */
export interface PreviousRun {
  startedAt: string
  /** Files it finished. */
  files: number
}

/**
 * Ferry's state folder: `$FERRY_STATE_DIR`, else `$XDG_STATE_HOME/ferry` or `~/.local/state/ferry` (Linux and
 * other Unix), `~/Library/Application Support/Ferry` (macOS), `%LOCALAPPDATA%\\Ferry` (Windows).
 */
export function stateDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (env.FERRY_STATE_DIR) return env.FERRY_STATE_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry')
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Ferry')
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'ferry')
}

/** The journal file of `job` in `folder`: the same sources, destination, move and filters give the same file. */
export function journalFile(folder: string, job: JobOptions): string {
  const identity = JSON.stringify({
    sources: job.sources,
    destination: job.destination,
    move: job.move === true,
    exclude: job.exclude ?? [],
    include: job.include ?? [],
    excludeJunk: job.excludeJunk === true,
    into: job.intoDestination === true,
  })
  const key = createHash('sha256').update(identity).digest('hex').slice(0, 32)
  return join(folder, `${key}.jsonl`)
}

export class JobJournal {
  private readonly done = new Map<BytePath, JournalRecord>()
  private header: Header | undefined
  private pending: string[] = []
  private lastFlush = 0
  private flushing: Promise<void> = Promise.resolve()
  private fd: number | undefined
  private problem: string | undefined

  private constructor(
    readonly path: string,
    /** Why an existing file could not be used (it is replaced), if so. */
    readonly unreadable: string | undefined,
  ) {}

  /**
   * Opens the journal at `path`: reads what an earlier run left there (a torn last line after a crash is ignored);
   * a file that is not a journal is reported in {@link unreadable} and replaced when the job begins.
   */
  static open(path: string): JobJournal {
    let text: string | undefined
    try {
      text = fs.readFileSync(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        return new JobJournal(
          path,
          `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        )
      }
    }
    if (text === undefined) return new JobJournal(path, undefined)
    const lines = text.split('\n')
    let header: Header | undefined
    try {
      const first = JSON.parse(lines[0] ?? '') as Header
      if (first.v === VERSION && Array.isArray(first.roots) && typeof first.startedAt === 'string')
        header = first
    } catch {
      header = undefined
    }
    if (!header) return new JobJournal(path, 'it is not a Ferry journal of this version')
    const journal = new JobJournal(path, undefined)
    journal.header = header
    for (const line of lines.slice(1)) {
      if (line.length === 0) continue
      try {
        const record = JSON.parse(line) as JournalRecord
        if (Array.isArray(record) && typeof record[0] === 'string') journal.done.set(record[0], record)
      } catch {
        // A line cut by the crash: that file is simply copied again.
      }
    }
    return journal
  }

  /** The earlier run this journal describes, if any. */
  get previous(): PreviousRun | undefined {
    return this.header ? { startedAt: this.header.startedAt, files: this.done.size } : undefined
  }

  /** The options the earlier run was started with (journals written before they were recorded have none). */
  get options(): JobOptions | undefined {
    return this.header?.options
  }

  /**
   * Where the earlier run was writing `source`: its target, when `planned` (today's cp -r answer) is that target or
   * the target's child of the source's name (the destination exists now because that run created it).
   */
  rootFor(source: string, planned: string): string | undefined {
    const root = this.header?.roots.find((r) => r.source === source)
    if (!root) return undefined
    if (root.target === planned || dirname(planned) === root.target) return root.target
    return undefined
  }

  /** Starts (or continues) the journal: a new one gets its header, durably, before any file is copied. */
  begin(roots: Array<{ source: string; target: string }>, durable: boolean, options?: JobOptions): void {
    fs.mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 })
    if (!this.header) {
      this.header = { v: VERSION, startedAt: new Date().toISOString(), roots, ...(options && { options }) }
      const temp = `${this.path}.${process.pid}.tmp`
      fs.writeFileSync(temp, `${JSON.stringify(this.header)}\n`, { mode: 0o600 })
      if (durable) syncFile(temp)
      fs.renameSync(temp, this.path)
      if (durable) syncFile(dirname(this.path))
    }
    this.fd = fs.openSync(this.path, fs.constants.O_WRONLY | fs.constants.O_APPEND)
  }

  /** True when `item` was finished by the earlier run and is unchanged on both sides: it need not be copied. */
  finished(item: CopyItem): boolean {
    const record = this.done.get(item.dst)
    if (!record) return false
    const [, size, mtimeMs, dev, ino, landed] = record
    if (size !== item.size || dev !== item.dev || ino !== item.ino) return false
    if ((item.meta?.mtimeMs ?? null) !== mtimeMs) return false
    try {
      const st = fs.lstatSync(fsPath(landed ?? item.dst))
      return item.kind === 'symlink' ? st.isSymbolicLink() : st.isFile() && st.size === size
    } catch {
      return false
    }
  }

  /** Notes that `item` is done under its final name `landed` (and durable, when the job syncs). */
  record(item: CopyItem, landed: BytePath): void {
    if (this.fd === undefined) return
    const record: JournalRecord = [item.dst, item.size, item.meta?.mtimeMs ?? null, item.dev, item.ino]
    if (landed !== item.dst) record.push(landed)
    this.pending.push(JSON.stringify(record))
  }

  /** Appends what was recorded, at most once per {@link FLUSH_MS} unless `now`; one flush at a time. */
  flush(durable: boolean, now = false): Promise<void> {
    const at = performance.now()
    if (this.pending.length === 0 || (!now && at - this.lastFlush < FLUSH_MS)) return this.flushing
    this.lastFlush = at
    const lines = this.pending
    this.pending = []
    this.flushing = this.flushing.then(() => this.append(lines, durable))
    return this.flushing
  }

  /** Why writing the journal failed (the copy goes on; only resuming is affected), if it did. */
  get failure(): string | undefined {
    return this.problem
  }

  /** Ends the journal: removed when the job finished every file, kept (closed) otherwise. */
  async close(complete: boolean, durable: boolean): Promise<void> {
    await this.flush(durable, true)
    if (this.fd !== undefined) fs.closeSync(this.fd)
    this.fd = undefined
    if (complete) fs.rmSync(this.path, { force: true })
  }

  private async append(lines: string[], durable: boolean): Promise<void> {
    const fd = this.fd
    if (fd === undefined) return
    try {
      const text = `${lines.join('\n')}\n`
      await new Promise<void>((resolve, reject) =>
        fs.appendFile(fd, text, (e) => (e ? reject(e) : resolve())),
      )
      if (durable) {
        await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())))
      }
    } catch (error) {
      this.problem ??= (error as NodeJS.ErrnoException).code ?? String(error)
    }
  }
}

function syncFile(path: string): void {
  const fd = fs.openSync(path, fs.constants.O_RDONLY)
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
