/**
 * A commit group, inside a worker thread: make a group of finished temporary files durable, then give each its
 * final name, then make their folders durable. So at any instant of a power cut a final name holds a complete file
 * or nothing (the temporary names a crash leaves are removed by the next run: stale-partials.ts).
 *
 * Durable, cheapest first: Linux `syncfs` of the destination filesystem through the native core (one call for the
 * whole group); otherwise `fdatasync` of each file (macOS: Node's fsync is not F_FULLFSYNC — the native core's is).
 * Folder entries: `fsync` of each folder that received a name.
 */
import fs from 'node:fs'
import { toFerryError } from '../errors'
import { type BytePath, displayPath, fsPath, parentPath } from '../lib/byte-path'
import { loadCore } from '../native/load'
import type { NativeBinding } from '../native/native-core'
import type { CommitEntry, CommitOutcome, CommitTask } from '../protocol'
import { commit, removeQuietly } from './destination'

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
  flushFiles(task.entries, failures)
  const outcomes: CommitOutcome[] = []
  const folders = new Set<BytePath>()
  for (const entry of task.entries) {
    const failure = failures.get(entry.id)
    if (failure) {
      removeQuietly(entry.temp)
      outcomes.push(failure)
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
  for (const folder of folders) syncFolder(folder)
  return outcomes
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
