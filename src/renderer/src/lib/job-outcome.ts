/**
 * How a finished run is described: never "Copy finished" with a full green bar when nothing was copied. Pure, so
 * the words and the bar's fill are tested apart from React.
 */
import type { JobSummary } from '../../../shared/job'
import type { Outcome } from '../../../shared/job-outcome'

export { isSafeToRemove, type Outcome, outcomeOf } from '../../../shared/job-outcome'

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
