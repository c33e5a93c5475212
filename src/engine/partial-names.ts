/**
 * Names of temporary ("partial") files. A partial file names its writer — the process id and that process's start
 * time — so that a later run can tell a leftover of a killed run (writer gone) from a file a live copy is still
 * writing (see `stale-partials.ts`). The name is short and of bounded length, whatever the final name, so a long
 * final name cannot make it too long: `.ferry-partial-<pid>.<start>-<job>-<id>` (pid and start in base 36).
 */
import fs from 'node:fs'
import { type BytePath, childPath } from './lib/byte-path'

/** Marks every temporary name; lets a later run or a user recognise Ferry's leftovers. */
export const PARTIAL_MARKER = '.ferry-partial-'

/**
 * When a process started, as a token that is the same for every thread of the process and differs for a later
 * process that reuses the pid: on Linux the start time in clock ticks since boot (`/proc/<pid>/stat`, field 22);
 * elsewhere the process's start in seconds since the epoch (other processes' cannot be read there, so a leftover
 * is recognised only once its pid is gone).
 */
export function processStartToken(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1')
    // Field 2 (the command) is in parentheses and may hold spaces or parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = fields[19]
    return ticks && /^\d+$/.test(ticks) ? Number(ticks).toString(36) : undefined
  } catch {
    if (pid !== process.pid) return undefined
    return `t${Math.floor(Date.now() / 1000 - process.uptime()).toString(36)}`
  }
}

/** This process's writer tag, `<pid>.<start>`; computed once per thread (every thread computes the same). */
export const WRITER_TAG = `${process.pid.toString(36)}.${processStartToken(process.pid) ?? '0'}`

/** Name of the temporary file an item is written to, in its destination folder `dstDir`, until it is complete. */
export function partialName(dstDir: string, jobToken: string, id: number): BytePath {
  return childPath(dstDir as BytePath, `${PARTIAL_MARKER}${WRITER_TAG}-${jobToken}-${id}` as BytePath)
}

/** The writer of a partial file's name (`name` without its folder), or undefined for another or an older format. */
export function partialWriter(name: string): { pid: number; start: string } | undefined {
  if (!name.startsWith(PARTIAL_MARKER)) return undefined
  const match = /^([0-9a-z]+)\.(t?[0-9a-z]+)-[0-9a-f]+-\d+$/.exec(name.slice(PARTIAL_MARKER.length))
  if (!match) return undefined
  const pid = parseInt(match[1]!, 36)
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, start: match[2]! } : undefined
}
