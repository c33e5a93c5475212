/**
 * "Retry failed": the failed files of a job, each back to where it was going. A job has one destination, and
 * failures are spread over many folders, so the retry is a series of jobs, one per destination folder.
 */
import type { FileResult, JobOptions } from '../../../shared/job'
import { basename, dirname } from './paths'

/** Options a retry keeps from the original job (policy, verify, threads, chunk size). */
export type RetryBase = Omit<JobOptions, 'sources' | 'destination'>

/**
 * Plans the jobs that copy `failures` again, in first-failure order, using the engine's `cp -r` rules:
 * - entries whose destination name is their source name are grouped by destination folder; a group copies into
 *   that folder (with two or more sources the engine creates the folder if it is missing);
 * - a file alone in its folder, or one written under another name (a single file copied to a new name, a "keep
 *   both" rename), gets a job whose destination is its exact destination path: with one file source the engine
 *   writes the copy at that path, whether the folder exists or not;
 * - a failed folder (one that could not be read or created) under its own name is copied into its parent folder,
 *   because naming the folder itself would nest the copy inside it when it exists.
 * The original conflict policy applies again, so the retry does what the user asked the first time.
 */
export function planRetry(failures: readonly FileResult[], base: RetryBase): JobOptions[] {
  const groups = new Map<string, FileResult[]>()
  const order: Array<string | FileResult> = []
  for (const failure of failures) {
    if (basename(failure.src) !== basename(failure.dst)) {
      order.push(failure)
      continue
    }
    const folder = dirname(failure.dst)
    let group = groups.get(folder)
    if (!group) {
      group = []
      groups.set(folder, group)
      order.push(folder)
    }
    group.push(failure)
  }
  return order.map((entry): JobOptions => {
    // Renamed on the way (`cp -r dir /new/name`, "keep both"): only the exact path keeps the name.
    if (typeof entry !== 'string') return { ...base, sources: [entry.src], destination: entry.dst }
    const group = groups.get(entry)!
    const only = group.length === 1 ? group[0]! : undefined
    if (only && only.kind !== 'directory') return { ...base, sources: [only.src], destination: only.dst }
    return { ...base, sources: group.map((f) => f.src), destination: entry }
  })
}
