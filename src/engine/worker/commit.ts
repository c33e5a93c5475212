/**
 * A commit group, inside a worker thread: make a group of finished temporary files durable, then give each its
 * final name, then make their folders durable. So at any instant of a power cut a final name holds a complete file
 * or nothing (the temporary names a crash leaves are removed by the next run: stale-partials.ts).
 *
 * Durable, cheapest first: Linux `syncfs` of the destination filesystem through the native core (one call for the
 * whole group); otherwise `fdatasync` of each file (macOS: Node's fsync is not F_FULLFSYNC — the native core's is).
 * Folder entries: one more `syncfs` (native, Linux) or `fsync` of each folder that received a name. Move: then each entry's source is deleted
 * (move-source.ts), never before.
 */
import fs from 'node:fs'
import { toFerryError } from '../errors'
import { type BytePath, displayPath, fsPath, parentPath } from '../lib/byte-path'
import { loadCore } from '../native/load'
import type { NativeBinding } from '../native/native-core'
import type { CommitEntry, CommitOutcome, CommitTask } from '../protocol'
import { commit, removeQuietly } from './destination'
import { removeSource } from './move-source'
import { errnoError } from './native-copier'

const native: NativeBinding | undefined = (() => {
  try {
    const choice = loadCore()
    return choice.core === 'native' && process.platform === 'linux' ? choice.binding : undefined
  } catch {
    return undefined
  }
})()

/** Runs `task`: flush, rename, flush folders. One outcome per entry, in order; never rejects. */
export function commitGroup(task: CommitTask): CommitOutcome[] {
  const failures = new Map<number, CommitOutcome>()
  if (!task.flushed) flushFiles(task.entries, failures)
  const outcomes: CommitOutcome[] = []
  const folders = new Set<BytePath>()
  const renamed = renameFresh(task.entries, failures)
  for (const [index, entry] of task.entries.entries()) {
    const failure = failures.get(entry.id)
    if (failure) {
      removeQuietly(entry.temp)
      outcomes.push(failure)
      continue
    }
    const errno = renamed?.[index] ?? -1
    if (errno >= 0) {
      if (errno === 0) {
        folders.add(parentPath(entry.dst))
        outcomes.push({ id: entry.id, status: 'done' })
      } else {
        removeQuietly(entry.temp)
        outcomes.push(failed(entry, errnoError(native!, errno, 'rename'), 'giving its final name to'))
      }
      continue
    }
    try {
      const final = entry.fresh
        ? (fs.renameSync(fsPath(entry.temp), fsPath(entry.dst)), entry.dst)
        : commit(entry.temp, entry.dst, entry.replace)
      folders.add(parentPath(final))
      outcomes.push(
        final === entry.dst ? { id: entry.id, status: 'done' } : { id: entry.id, status: 'done', dst: final },
      )
    } catch (error) {
      removeQuietly(entry.temp)
      outcomes.push(failed(entry, error, 'giving its final name to'))
    }
  }
  syncFolders(folders)
  // Move: only now, with every copy durable under its final name and its folder flushed, may a source go.
  for (const [index, entry] of task.entries.entries()) {
    const outcome = outcomes[index]!
    if (!entry.source || outcome.status !== 'done') continue
    const kept = removeSource(entry.source)
    if (kept) outcome.sourceKept = kept
    else outcome.moved = true
  }
  return outcomes
}

/**
 * Gives the fresh entries (folders this job created: a plain rename, as `fs.renameSync`) their final names in one
 * native call, each folder opened once. Returns an errno per entry (0 renamed, -1 not renamed here: the others, or
 * all of them without the native core).
 */
function renameFresh(entries: CommitEntry[], failures: Map<number, CommitOutcome>): Int32Array | undefined {
  if (!native?.renameBatch) return undefined
  const offsets: number[] = []
  const picked: number[] = []
  // One latin1 string is the paths buffer (char codes are bytes, offsets are char positions).
  let joined = ''
  let dir: string | undefined
  let dirAt = 0
  for (const [index, entry] of entries.entries()) {
    if (!entry.fresh || failures.has(entry.id)) continue
    const at = entry.temp.lastIndexOf('/')
    const folder = at <= 0 ? (at === 0 ? '/' : '.') : entry.temp.slice(0, at)
    if (folder !== dir) {
      dir = folder
      dirAt = joined.length
      joined += `${folder}\0`
    }
    offsets.push(dirAt, joined.length)
    joined += `${entry.temp.slice(at + 1)}\0`
    offsets.push(joined.length)
    joined += `${entry.dst.slice(entry.dst.lastIndexOf('/') + 1)}\0`
    picked.push(index)
  }
  const result = new Int32Array(entries.length).fill(-1)
  if (picked.length === 0) return result
  const errnos = native.renameBatch(Buffer.from(joined, 'latin1'), Int32Array.from(offsets))
  for (const [i, index] of picked.entries()) result[index] = errnos[i] ?? 0
  return result
}

/** Makes the entries' data durable; an entry whose flush fails gets its failure in `failures`. */
function flushFiles(entries: CommitEntry[], failures: Map<number, CommitOutcome>): void {
  if (entries.length === 0) return
  if (native) {
    try {
      native.syncfs(fsPath(parentPath(entries[0]!.temp)))
      return
    } catch {
      // Not allowed or not supported here: flush file by file.
    }
  }
  for (const entry of entries) {
    let fd: number | undefined
    try {
      fd = fs.openSync(fsPath(entry.temp), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
      fs.fdatasyncSync(fd)
    } catch (error) {
      // A symlink's temporary name cannot be opened without following it; a link has no data to flush.
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP') {
        failures.set(entry.id, failed(entry, error, 'writing to disk'))
      }
    } finally {
      if (fd !== undefined) fs.closeSync(fd)
    }
  }
}

/** Makes a folder's entries durable; best effort (some filesystems cannot fsync a folder). */
/**
 * Makes the renames durable. With the native core on Linux, one `syncfs` of the filesystem covers every folder on
 * it (an `fsync` per folder made ext4 commit its journal once per folder: 200 per group for the bench's 20,000
 * files in 200 folders); a folder on another filesystem (a mount inside the destination), or any folder when
 * `syncfs` fails, is flushed by its own `fsync`.
 */
function syncFolders(folders: Set<BytePath>): void {
  if (folders.size === 0) return
  let synced: number | undefined
  if (native && folders.size > 1) {
    const first = folders.values().next().value!
    try {
      native.syncfs(fsPath(first))
      synced = fs.statSync(fsPath(first)).dev
    } catch {
      synced = undefined
    }
  }
  for (const folder of folders) {
    if (synced !== undefined && sameDevice(folder, synced)) continue
    syncFolder(folder)
  }
}

function sameDevice(folder: BytePath, dev: number): boolean {
  try {
    return fs.statSync(fsPath(folder)).dev === dev
  } catch {
    return false
  }
}

function syncFolder(folder: BytePath): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(fsPath(folder), fs.constants.O_RDONLY | fs.constants.O_DIRECTORY)
    fs.fsyncSync(fd)
  } catch {
    // EINVAL on filesystems without folder fsync (FAT over FUSE, some network mounts): the data is flushed anyway.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

function failed(entry: CommitEntry, error: unknown, doing: string): CommitOutcome {
  const data = toFerryError(error, displayPath(entry.dst), doing).toData()
  return { id: entry.id, status: 'failed', dst: entry.dst, error: data }
}
