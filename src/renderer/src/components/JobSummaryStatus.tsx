/**
 * The end of a run, as a `status` live region: "Copy finished" (or cancelled / terminated) with the totals, what
 * stop left undone, and retry jobs the engine refused.
 */
import type { FerryErrorData, JobSummary } from '../../../shared/job'
import { formatBytes, formatElapsed, formatSpeed, plural } from '../lib/format'
import { averageSpeed } from '../lib/progress'
import { AlertIcon, CheckIcon, StopIcon } from './icons'

const HEADLINE: Record<JobSummary['state'], string> = {
  done: 'Copy finished',
  cancelled: 'Copy cancelled',
  terminated: 'Copy terminated',
}

/** The sentence of totals under the headline, e.g. `1,204 files copied (1.20 GiB) in 1 min 20 s at 15.0 MiB/s.` */
export function summaryTotals(s: JobSummary): string {
  const speed = averageSpeed(s)
  const parts = [
    `${plural(s.filesDone, 'file')} copied (${formatBytes(s.bytesCopied)}) in ${formatElapsed(s.durationMs)}` +
      (speed > 0 ? ` at ${formatSpeed(speed)}` : ''),
  ]
  if (s.filesSkipped) parts.push(`${plural(s.filesSkipped, 'file')} skipped`)
  if (s.filesFailed) parts.push(`${plural(s.filesFailed, 'file')} failed`)
  if (s.filesCancelled) parts.push(`${plural(s.filesCancelled, 'file')} stopped mid-copy and removed`)
  if (s.filesNotStarted) parts.push(`${plural(s.filesNotStarted, 'file')} not started`)
  return `${parts.join(', ')}.`
}

export function JobSummaryStatus({
  summary,
  refused,
}: {
  summary: JobSummary
  refused: readonly FerryErrorData[]
}) {
  const clean = summary.state === 'done' && summary.filesFailed === 0 && refused.length === 0
  const tone = clean
    ? 'bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-950/40 dark:text-emerald-100 dark:ring-emerald-900'
    : summary.state === 'done'
      ? 'bg-amber-50 text-amber-950 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900'
      : 'bg-zinc-50 text-zinc-900 ring-zinc-200 dark:bg-zinc-800/60 dark:text-zinc-100 dark:ring-zinc-700'
  const Icon = clean ? CheckIcon : summary.state === 'done' ? AlertIcon : StopIcon
  return (
    <div role="status" className={`flex gap-3 rounded-lg px-4 py-3 ring-1 ${tone}`}>
      <Icon className="mt-0.5 size-5 shrink-0" />
      <div className="flex min-w-0 flex-col gap-1 text-sm">
        <p className="font-semibold">{HEADLINE[summary.state]}</p>
        <p className="tabular-nums">{summaryTotals(summary)}</p>
        {!summary.scanComplete && (
          <p className="text-xs opacity-80">
            The scan stopped too, so there may be more files than were counted.
          </p>
        )}
        {refused.map((error, i) => (
          <p key={i} className="text-xs">
            Not retried: {error.message}
          </p>
        ))}
      </div>
    </div>
  )
}
