/**
 * The end of a run, as a `status` live region: a headline that tells the truth ("Copy finished", "Copy finished
 * with errors", "Nothing was copied", cancelled or terminated) with the totals, what a stop left undone (and
 * "Copy the rest"), and retry jobs the engine refused.
 */
import type { FerryErrorData, JobSummary } from '../../../shared/job'
import { formatBytes, formatElapsed, formatSpeed, plural } from '../lib/format'
import { OUTCOME_HEADLINE, outcomeOf, type Outcome } from '../lib/job-outcome'
import { averageSpeed } from '../lib/progress'
import { AlertIcon, CheckIcon, StoppedIcon } from './icons'
import { Button } from './ui'

/**
 * The sentence of totals under the headline, e.g. `1,204 files copied (1.20 GiB) in 1 min 20 s at 15.0 MiB/s.`
 * The speed is over `activeMs` (time really spent copying) when known.
 */
export function summaryTotals(s: JobSummary, activeMs: number | null = null): string {
  const speed = averageSpeed(s, activeMs)
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

const TONE: Record<Outcome, string> = {
  clean:
    'bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-950/40 dark:text-emerald-100 dark:ring-emerald-900',
  errors:
    'bg-amber-50 text-amber-950 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900',
  nothing: 'bg-rose-50 text-rose-900 ring-rose-200 dark:bg-rose-950/40 dark:text-rose-100 dark:ring-rose-900',
  cancelled:
    'bg-zinc-50 text-zinc-900 ring-zinc-200 dark:bg-zinc-800/60 dark:text-zinc-100 dark:ring-zinc-700',
  terminated:
    'bg-zinc-50 text-zinc-900 ring-zinc-200 dark:bg-zinc-800/60 dark:text-zinc-100 dark:ring-zinc-700',
}

const ICON: Record<Outcome, typeof CheckIcon> = {
  clean: CheckIcon,
  errors: AlertIcon,
  nothing: AlertIcon,
  cancelled: StoppedIcon,
  terminated: StoppedIcon,
}

export interface JobSummaryStatusProps {
  summary: JobSummary
  refused: readonly FerryErrorData[]
  activeMs?: number | null
  /** Offered after a stop that left files uncopied. */
  onCopyRest?: (() => void) | undefined
}

export function JobSummaryStatus({ summary, refused, activeMs = null, onCopyRest }: JobSummaryStatusProps) {
  const outcome = outcomeOf(summary, refused)
  const Icon = ICON[outcome]
  return (
    <div
      role="status"
      data-outcome={outcome}
      className={`flex gap-3 rounded-lg px-4 py-3 ring-1 ${TONE[outcome]}`}
    >
      <Icon className="mt-0.5 size-5 shrink-0" data-icon={outcome} />
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <p className="font-semibold">{OUTCOME_HEADLINE[outcome]}</p>
        <p className="tabular-nums">{summaryTotals(summary, activeMs)}</p>
        {outcome === 'nothing' && (
          <p className="text-xs">Every file failed. The Errors list says why for each one.</p>
        )}
        {!summary.scanComplete && (
          <p className="text-xs opacity-90">
            The scan stopped too, so there may be more files than were counted.
          </p>
        )}
        {refused.map((error, i) => (
          <p key={i} className="text-xs">
            Not retried: {error.message}
          </p>
        ))}
        {onCopyRest && (
          <div className="pt-1">
            <Button size="sm" onClick={onCopyRest}>
              Copy the rest
            </Button>
          </div>
        )}
      </div>
    </div>
  )
}
