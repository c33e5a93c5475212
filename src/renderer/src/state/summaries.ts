/**
 * Combines the summaries of the jobs of one run ("Retry failed" may run one job per destination folder) into the
 * one summary the window shows.
 */
import { MAX_FAILURES_IN_SUMMARY, type JobSummary } from '../../../shared/job'

/** Sums counts and durations; the state is the last job's (a run stops at the first cancelled or terminated job). */
export function combineSummaries(summaries: readonly JobSummary[]): JobSummary | null {
  const last = summaries[summaries.length - 1]
  if (!last) return null
  if (summaries.length === 1) return last
  const sum = (key: keyof Pick<JobSummary, NumericKeys>): number => summaries.reduce((n, s) => n + s[key], 0)
  return {
    jobId: last.jobId,
    state: last.state,
    bytesDone: sum('bytesDone'),
    bytesCopied: sum('bytesCopied'),
    bytesTotal: sum('bytesTotal'),
    filesTotal: sum('filesTotal'),
    filesDone: sum('filesDone'),
    filesFailed: sum('filesFailed'),
    filesSkipped: sum('filesSkipped'),
    filesCancelled: sum('filesCancelled'),
    filesNotStarted: sum('filesNotStarted'),
    filesExcluded: sum('filesExcluded'),
    scanComplete: summaries.every((s) => s.scanComplete),
    durationMs: sum('durationMs'),
    failures: summaries.flatMap((s) => s.failures).slice(0, MAX_FAILURES_IN_SUMMARY),
    warnings: summaries.flatMap((s) => s.warnings),
  }
}

type NumericKeys =
  | 'bytesDone'
  | 'bytesCopied'
  | 'bytesTotal'
  | 'filesTotal'
  | 'filesDone'
  | 'filesFailed'
  | 'filesSkipped'
  | 'filesCancelled'
  | 'filesNotStarted'
  | 'filesExcluded'
  | 'durationMs'
