/**
 * "Retry failed" and "Copy the rest": files of a finished job, each back to where it was going. A job has one
 * destination, and the files are spread over many folders, so such a run is a series of jobs, one per destination
 * folder.
 */
import type { ErrorCode, FileResult, JobOptions } from '../../../shared/job'
import { basename, dirname } from './paths'

/** Options a retry keeps from the original job (policy, verify, threads, chunk size). */
export type RetryBase = Omit<JobOptions, 'sources' | 'destination' | 'intoDestination'>

/**
 * Error codes no retry can fix from the window: the file is of a kind Ferry does not copy (a named pipe, a socket,
 * a device) or its name is too long for the destination. They are listed as "cannot be copied", never retried.
 */
const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set(['UNSUPPORTED', 'NAME_TOO_LONG'])

/** True when copying `result` again cannot succeed without a change outside Ferry (see {@link PERMANENT_CODES}). */
export function isPermanentFailure(result: Pick<FileResult, 'kind' | 'error'>): boolean {
  return (
    (result.kind as string) === 'special' || (result.error ? PERMANENT_CODES.has(result.error.code) : false)
  )
}

/** The failures worth retrying: every failure but the permanent ones. */
export function retryableFailures(failures: readonly FileResult[]): FileResult[] {
  return failures.filter((failure) => !isPermanentFailure(failure))
}

/**
 * Plans the jobs that copy `files` again, in first-file order:
 * - entries whose destination name is their source name are grouped by destination folder; each group is copied
 *   into that folder (`intoDestination`: the engine creates it if it is missing), so a lone file cannot become a
 *   file named like its folder, and a failed folder lands back inside its parent, never inside itself;
 * - a file written under another name (a "keep both" rename) gets a job whose destination is its exact path
 *   (`cp -r` rules: one file source and a missing destination make the copy at that path).
 * The original conflict policy applies again, so the retry does what the user asked the first time.
 */
export function planRetry(files: readonly FileResult[], base: RetryBase): JobOptions[] {
  const groups = new Map<string, FileResult[]>()
  const order: Array<string | FileResult> = []
  for (const file of files) {
    if (basename(file.src) !== basename(file.dst)) {
      order.push(file)
      continue
    }
    const folder = dirname(file.dst)
    let group = groups.get(folder)
    if (!group) {
      group = []
      groups.set(folder, group)
      order.push(folder)
    }
    group.push(file)
  }
  return order.map((entry): JobOptions => {
    if (typeof entry !== 'string') return { ...base, sources: [entry.src], destination: entry.dst }
    const group = groups.get(entry)!
    return { ...base, sources: group.map((f) => f.src), destination: entry, intoDestination: true }
  })
}
