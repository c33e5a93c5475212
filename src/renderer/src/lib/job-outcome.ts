/**
 * How a finished run is described: never "Copy finished" with a full green bar when nothing was copied. Pure, so
 * the words and the bar's fill are tested apart from React.
 */
import type { FerryErrorData, JobSummary } from '../../../shared/job'

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

/** Catalog key of the summary's headline. */
export function outcomeHeadlineKey(outcome: Outcome): `outcome.headline.${Outcome}` {
  return `outcome.headline.${outcome}`
}

/** Catalog key of the job card's title once the run has ended. */
export function outcomeTitleKey(outcome: Outcome): `outcome.title.${Outcome}` {
  return `outcome.title.${outcome}`
}

/**
 * How full the bar is at the end: the share of files that made it (copied or skipped as asked), so failures leave
 * a gap and a run that copied nothing shows an empty bar. Bytes measure a stopped run (how far it got).
 */
export function finishedFraction(summary: JobSummary): number {
  if (summary.state === 'done') {
    if (summary.filesFailed === 0) return 1
    const total = Math.max(summary.filesTotal, summary.filesDone + summary.filesSkipped + summary.filesFailed)
    return total > 0 ? (summary.filesDone + summary.filesSkipped) / total : 0
  }
  if (summary.bytesTotal > 0) return summary.bytesDone / summary.bytesTotal
  const processed = summary.filesDone + summary.filesSkipped + summary.filesFailed
  return summary.filesTotal > 0 ? processed / summary.filesTotal : 0
}
