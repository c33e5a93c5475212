/**
 * How a finished job is described, the same in the window, its title bar and its notification: never "Copy
 * finished" when nothing was copied. Pure.
 */
import type { FerryErrorData, JobSummary } from './job'

/**
 * `clean`: everything copied or skipped by the policy. `errors`: done, but some files failed (or a retry job was
 * refused). `nothing`: done, files failed and none was copied or skipped. `cancelled`/`terminated`: stopped.
 */
export type Outcome = 'clean' | 'errors' | 'nothing' | 'cancelled' | 'terminated'

/** The outcome of a finished run's combined summary. */
export function outcomeOf(summary: JobSummary, refused: readonly FerryErrorData[] = []): Outcome {
  if (summary.state !== 'done') return summary.state
  if (summary.filesFailed > 0 && summary.filesDone === 0 && summary.filesSkipped === 0) return 'nothing'
  if (summary.filesFailed > 0 || refused.length > 0) return 'errors'
  return 'clean'
}

/**
 * True when the job is done, every copy was made durable before it got its name, and the destination is a
 * removable device: the window and the notification then say "Safe to remove".
 */
export function isSafeToRemove(summary: JobSummary): boolean {
  return summary.state === 'done' && summary.durable === true && summary.removable === true
}
