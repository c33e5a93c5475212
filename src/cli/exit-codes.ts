/** The CLI's exit statuses (documented in `--help` and the README). */
import type { JobSummary } from '../shared/job'
import { SIGNAL_EXIT_CODES, type HandledSignal } from './signals'

export const EXIT_OK = 0
/** Some files failed (each listed on stderr), or an unexpected internal error. */
export const EXIT_FAILED = 1
/** Bad usage or input refused before anything was written. */
export const EXIT_USAGE = 2

/**
 * The exit status for a finished job: 0 when every file was copied or skipped by policy, 1 when some failed, and
 * 128 + the signal number when a signal stopped it (130 for Ctrl-C).
 */
export function exitCodeFor(summary: JobSummary, stoppedBy: HandledSignal | undefined): number {
  switch (summary.state) {
    case 'done':
      return summary.filesFailed > 0 ? EXIT_FAILED : EXIT_OK
    case 'cancelled':
    case 'terminated':
      return SIGNAL_EXIT_CODES[stoppedBy ?? 'SIGINT']
    default: {
      const unreachable: never = summary.state
      throw new Error(`unknown job state ${String(unreachable)}`)
    }
  }
}
