/**
 * The figures under the overall bar: bytes and files done of the total ("so far" while counting), speed and time
 * left while running; average speed (time really spent copying) and duration at the end.
 */
import type { JobSummary, ProgressSnapshot } from '../../../shared/job'
import type { EtaEstimate } from '../lib/eta'
import type { TFunction } from 'i18next'
import { useFormat } from '../i18n/use-format'
import type { Formatter } from '../lib/format'
import { averageSpeed } from '../lib/progress'

export interface ProgressStatsProps {
  progress: ProgressSnapshot | null
  /** Set once the run has ended. */
  summary: JobSummary | null
  activeMs: number
  eta: EtaEstimate | null
  counting: boolean
  paused: boolean
  /** The engine is reading copies back or flushing them: what the time-left box says instead of a time. */
  phaseLabel: string | null
  bytesDone: number
  bytesTotal: number
  filesDone: number
  filesTotal: number
  failed: number
  skipped: number
}

export function ProgressStats(props: ProgressStatsProps) {
  const { t, f } = useFormat()
  const { progress: p, summary, counting, paused } = props
  const of = (total: string) => t(counting ? 'stats.ofSoFar' : 'stats.of', { total })
  const failed = props.failed > 0 ? t('stats.failed', { count: props.failed }) : null
  const skipped = props.skipped > 0 ? t('stats.skipped', { count: props.skipped }) : null
  const problems =
    failed && skipped ? t('stats.problems', { failed, skipped }) : (failed ?? skipped ?? undefined)
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
      {/* While running, bytes "done" include skipped and failed files (the bar must reach 100 %); at the end, the
          figure that matters is what was really written. */}
      <Stat
        label={t(summary ? 'stats.copied' : 'stats.done')}
        value={f.bytes(summary ? summary.bytesCopied : props.bytesDone)}
        detail={of(f.bytes(props.bytesTotal))}
      />
      <Stat
        label={t('stats.files')}
        value={f.count(props.filesDone)}
        detail={of(f.count(props.filesTotal))}
        extra={problems}
        extraTone={props.failed ? 'danger' : 'muted'}
      />
      {summary ? (
        <>
          <Stat label={t('stats.averageSpeed')} value={f.speed(averageSpeed(summary, props.activeMs))} />
          <Stat label={t('stats.duration')} value={f.elapsed(summary.durationMs)} />
        </>
      ) : (
        <>
          <Stat
            label={t('stats.speed')}
            value={paused ? t('stats.paused') : f.speed(p?.bytesPerSecond ?? 0)}
            detail={p ? t('stats.elapsed', { duration: f.elapsed(p.elapsedMs) }) : undefined}
          />
          <Stat label={t('stats.timeLeft')} value={timeLeft(t, f, props)} />
        </>
      )}
    </dl>
  )
}

function timeLeft(
  t: TFunction,
  f: Formatter,
  { counting, paused, eta, phaseLabel }: ProgressStatsProps,
): string {
  if (phaseLabel) return phaseLabel
  if (counting) return t('stats.counting')
  if (paused) return '—'
  return eta ? f.duration(eta.seconds) : t('stats.estimating')
}

function Stat({
  label,
  value,
  detail,
  extra,
  extraTone = 'muted',
}: {
  label: string
  value: string
  detail?: string | undefined
  extra?: string | undefined
  extraTone?: 'muted' | 'danger'
}) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="truncate text-lg leading-7 font-semibold tabular-nums">{value}</dd>
      {detail && <dd className="truncate text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{detail}</dd>}
      {extra && (
        <dd
          className={`text-xs tabular-nums ${extraTone === 'danger' ? 'text-rose-700 dark:text-rose-400' : 'text-zinc-600 dark:text-zinc-400'}`}
        >
          {extra}
        </dd>
      )}
    </div>
  )
}
