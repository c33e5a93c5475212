/**
 * The figures under the overall bar: bytes and files done of the total ("so far" while counting), speed and time
 * left while running; average speed (time really spent copying) and duration at the end.
 */
import type { JobSummary, ProgressSnapshot } from '../../../shared/job'
import type { EtaEstimate } from '../lib/eta'
import { formatBytes, formatCount, formatDuration, formatElapsed, formatSpeed } from '../lib/format'
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
  const { progress: p, summary, counting, paused } = props
  const soFar = counting ? ' so far' : ''
  const problems = [
    props.failed > 0 ? `${formatCount(props.failed)} failed` : null,
    props.skipped > 0 ? `${formatCount(props.skipped)} skipped` : null,
  ].filter((part): part is string => part !== null)
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
      {/* While running, bytes "done" include skipped and failed files (the bar must reach 100 %); at the end, the
          figure that matters is what was really written. */}
      <Stat
        label={summary ? 'Copied' : 'Done'}
        value={formatBytes(summary ? summary.bytesCopied : props.bytesDone)}
        detail={`of ${formatBytes(props.bytesTotal)}${soFar}`}
      />
      <Stat
        label="Files"
        value={formatCount(props.filesDone)}
        detail={`of ${formatCount(props.filesTotal)}${soFar}`}
        extra={problems.length > 0 ? problems.join(' · ') : undefined}
        extraTone={props.failed ? 'danger' : 'muted'}
      />
      {summary ? (
        <>
          <Stat label="Average speed" value={formatSpeed(averageSpeed(summary, props.activeMs))} />
          <Stat label="Duration" value={formatElapsed(summary.durationMs)} />
        </>
      ) : (
        <>
          <Stat
            label="Speed"
            value={paused ? 'Paused' : formatSpeed(p?.bytesPerSecond ?? 0)}
            detail={p ? `${formatElapsed(p.elapsedMs)} elapsed` : undefined}
          />
          <Stat label="Time left" value={timeLeft(props)} />
        </>
      )}
    </dl>
  )
}

function timeLeft({ counting, paused, eta, phaseLabel }: ProgressStatsProps): string {
  if (phaseLabel) return phaseLabel
  if (counting) return 'Counting…'
  if (paused) return '—'
  return eta ? formatDuration(eta.seconds) : 'Estimating…'
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
