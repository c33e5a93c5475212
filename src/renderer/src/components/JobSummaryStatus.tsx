/**
 * The end of a run, as a `status` live region: a headline that tells the truth ("Copy finished", "Copy finished
 * with errors", "Nothing was copied", cancelled or terminated) with the totals, what a stop left undone (and
 * "Copy the rest"), and retry jobs the engine refused.
 */
import type { FerryErrorData, JobSummary } from '../../../shared/job'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { errorText } from '../i18n/error-text'
import { useFormat } from '../i18n/use-format'
import type { Formatter } from '../lib/format'
import { outcomeHeadlineKey, outcomeOf, type Outcome } from '../lib/job-outcome'
import { averageSpeed } from '../lib/progress'
import { AlertIcon, CheckIcon, StoppedIcon } from './icons'
import { Button } from './ui'
import { DestinationPath } from './DestinationPath'
import { isSafeToRemove } from '../lib/job-outcome'

/**
 * The sentence of totals under the headline, e.g. `1,204 files copied (1.20 GiB) in 1 min 20 s at 15.0 MiB/s.`
 * The speed is over `activeMs` (time really spent copying) when known. Each clause is a catalog sentence with its
 * own plural; the catalog also says how clauses are joined and closed (`, ` and `.`, or `；` and `。`).
 */
export function summaryTotals(
  t: TFunction,
  f: Formatter,
  s: JobSummary,
  activeMs: number | null = null,
): string {
  const speed = averageSpeed(s, activeMs)
  const copied = { count: s.filesDone, bytes: f.bytes(s.bytesCopied), duration: f.elapsed(s.durationMs) }
  const clauses = [
    speed > 0 ? t('totals.copiedAt', { ...copied, speed: f.speed(speed) }) : t('totals.copied', copied),
  ]
  if (s.filesSkipped) clauses.push(t('totals.skipped', { count: s.filesSkipped }))
  if (s.filesFailed) clauses.push(t('totals.failed', { count: s.filesFailed }))
  if (s.filesCancelled) clauses.push(t('totals.cancelled', { count: s.filesCancelled }))
  if (s.filesNotStarted) clauses.push(t('totals.notStarted', { count: s.filesNotStarted }))
  return t('totals.sentence', { clauses: clauses.join(t('totals.separator')) })
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
  /** Where the files went: a button opens it (Electron), or it is shown with a copy button (browser shell). */
  destination?: DestinationAction | undefined
  /** "Save report…" as CSV or JSON; absent: not offered. */
  onSaveReport?: ((format: 'csv' | 'json') => void) | undefined
}

/** How the summary offers the destination. */
export type DestinationAction = { kind: 'open'; open: () => void } | { kind: 'show'; path: string }

export function JobSummaryStatus({
  summary,
  refused,
  activeMs = null,
  onCopyRest,
  destination,
  onSaveReport,
}: JobSummaryStatusProps) {
  const { t, f } = useFormat()
  const { i18n } = useTranslation()
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
        <p className="font-semibold">{t(outcomeHeadlineKey(outcome))}</p>
        <p className="tabular-nums">{summaryTotals(t, f, summary, activeMs)}</p>
        {outcome === 'nothing' && <p className="text-xs">{t('outcome.everyFileFailed')}</p>}
        {!summary.scanComplete && <p className="text-xs opacity-90">{t('outcome.scanStopped')}</p>}
        {refused.map((error, i) => (
          <p key={i} className="text-xs" title={errorText(i18n, error).detail}>
            {t('outcome.notRetried', { message: errorText(i18n, error).text })}
          </p>
        ))}
        {isSafeToRemove(summary) && <p className="font-medium">{t('job.safeToRemove')}</p>}
        {(onCopyRest || destination || onSaveReport) && (
          <div className="flex flex-wrap items-center gap-2 pt-1">
            {onCopyRest && (
              <Button size="sm" onClick={onCopyRest}>
                {t('outcome.copyRest')}
              </Button>
            )}
            {destination?.kind === 'open' && (
              <Button size="sm" onClick={destination.open}>
                {t('job.openDestination')}
              </Button>
            )}
            {destination?.kind === 'show' && <DestinationPath path={destination.path} />}
            {onSaveReport && (
              <>
                <Button size="sm" variant="ghost" onClick={() => onSaveReport('csv')}>
                  {t('outcome.saveReportCsv')}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => onSaveReport('json')}>
                  {t('outcome.saveReportJson')}
                </Button>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  )
}
