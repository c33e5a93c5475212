/**
 * Leftovers of killed runs. A run killed with SIGKILL (or a power cut) leaves its temporary files behind; their names
 * say who wrote them (`partial-names.ts`). When a job merges into an existing destination folder, the intake calls
 * {@link removeStalePartials} on it: partial files whose writer is gone — no such process, or a process with that pid
 * that started at another time — are removed. A partial of a live writer (another Ferry copying into the same folder,
 * or this one) is left alone, and so is one of an older name format, whose writer cannot be told.
 */
import fs from 'node:fs'
import { type BytePath, childPath, fsPath, NAME_ENCODING } from './lib/byte-path'
import { PARTIAL_MARKER, partialWriter, processStartToken } from './partial-names'

/** Writers already looked at in this process: pid → alive (a scan of many folders asks about the same few). */
const verdicts = new Map<string, boolean>()

/**
 * Removes the stale partial files directly inside `dstDir` (not below it; each merged folder is scanned on its own).
 * Resolves the number removed; never rejects (an unreadable folder or a file that cannot be removed is left).
 */
export async function removeStalePartials(dstDir: BytePath): Promise<number> {
  let names: string[]
  try {
    names = await fs.promises.readdir(fsPath(dstDir), { encoding: NAME_ENCODING })
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    if (!name.startsWith(PARTIAL_MARKER)) continue
    const writer = partialWriter(name)
    if (!writer || isAlive(writer.pid, writer.start)) continue
    const path = childPath(dstDir, name as BytePath)
    // Only files and links (a symlink item's temporary is a link); unlink never follows a link.
    const st = await fs.promises.lstat(fsPath(path)).catch(() => undefined)
    if (!st || st.isDirectory()) continue
    const gone = await fs.promises.unlink(fsPath(path)).then(
      () => true,
      () => false,
    )
    if (gone) removed++
  }
  return removed
}

/** Whether the process that wrote a partial file (pid and start token from its name) still runs. */
function isAlive(pid: number, start: string): boolean {
  const key = `${pid}.${start}`
  let alive = verdicts.get(key)
  if (alive === undefined) {
    alive = probe(pid, start)
    // Only "gone" is final; a live writer may exit later in a long job.
    if (!alive) verdicts.set(key, alive)
  }
  return alive
}

function probe(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
  }
  const now = processStartToken(pid)
  // Unknown start time (not Linux, or /proc hidden): the pid is in use, so assume it is the writer.
  return now === undefined || now === start
}
