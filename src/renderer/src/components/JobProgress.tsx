/**
 * The "Job progress" region: what is being copied where, the overall bar (bytes, striped while the scan still
 * finds files), bytes and files done/total, smoothed speed with its graph, ETA, the files in flight, the
 * controls, and the summary once the run has ended.
 */
import type { JobViewState } from '../state/job-reducer'
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatElapsed,
  formatPercent,
  formatSpeed,
  plural,
} from '../lib/format'
import { averageSpeed, estimateEta, filesProcessed, overallFraction } from '../lib/progress'
import { InFlightList } from './InFlightList'
import { JobControls } from './JobControls'
import { JobSummaryStatus } from './JobSummaryStatus'
import { ProgressBar } from './ProgressBar'
import { SpeedGraph } from './SpeedGraph'
import { Card } from './ui'

export interface JobProgressProps {
  state: JobViewState
  onPause: () => void
  onResume: () => void
  onCancel: () => void
  onTerminate: () => void
}

function title(state: JobViewState): string {
  if (state.phase === 'starting') return state.run?.kind === 'retry' ? 'Starting retry…' : 'Starting…'
  if (state.phase === 'finished') {
    return state.summary?.state === 'cancelled'
      ? 'Cancelled'
      : state.summary?.state === 'terminated'
        ? 'Terminated'
        : 'Finished'
  }
  switch (state.progress?.state) {
    case 'paused':
      return state.pauseIntent === 'resume' ? 'Resuming…' : 'Paused'
    case 'cancelling':
      return 'Cancelling…'
    case 'terminating':
      return 'Terminating…'
    default:
      if (state.stopRequested === 'cancel') return 'Cancelling…'
      if (state.stopRequested === 'terminate') return 'Terminating…'
      if (state.pauseIntent === 'pause') return 'Pausing…'
      return state.progress?.scanning ? 'Scanning and copying' : 'Copying'
  }
}

/** `3 sources → /mnt/backup` */
function route(state: JobViewState): string | null {
  const options = state.options ?? state.launch?.options
  if (!options) return null
  const what = options.sources.length === 1 ? options.sources[0]! : plural(options.sources.length, 'source')
  return `${what} → ${options.destination}`
}

export function JobProgress({ state, onPause, onResume, onCancel, onTerminate }: JobProgressProps) {
  const p = state.progress
  const finished = state.phase === 'finished'
  const paused = state.pauseIntent ? state.pauseIntent === 'pause' : p?.state === 'paused'
  const stopping =
    state.stopRequested ??
    (p?.state === 'cancelling' ? 'cancel' : p?.state === 'terminating' ? 'terminate' : null)
  const scanning = !finished && (p?.scanning ?? true)
  const fraction = finished
    ? state.summary?.state === 'done'
      ? 1
      : summaryFraction(state)
    : p
      ? overallFraction(p)
      : 0
  const eta = p && !finished ? estimateEta(p) : null
  const run = state.run

  const bytesDone = finished ? (state.summary?.bytesDone ?? 0) : (p?.bytesDone ?? 0)
  const bytesTotal = finished ? (state.summary?.bytesTotal ?? 0) : (p?.bytesTotal ?? 0)
  const filesDone = finished ? (state.summary ? filesProcessed(state.summary) : 0) : p ? filesProcessed(p) : 0
  const filesTotal = finished ? (state.summary?.filesTotal ?? 0) : (p?.filesTotal ?? 0)
  const failed = finished ? (state.summary?.filesFailed ?? 0) : (p?.filesFailed ?? 0)
  const skipped = finished ? (state.summary?.filesSkipped ?? 0) : (p?.filesSkipped ?? 0)
  const soFar = scanning ? ' so far' : ''

  const valueText =
    `${formatPercent(fraction)}: ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}${soFar}, ` +
    `${formatCount(filesDone)} of ${formatCount(filesTotal)} files${scanning ? ', still scanning' : ''}`

  return (
    <Card aria-label="Job progress" className="flex flex-col gap-4 p-5">
      <div className="flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold">{title(state)}</h2>
          <p
            className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400"
            title={route(state) ?? undefined}
          >
            {route(state)}
          </p>
          {run && run.kind === 'retry' && (
            <p className="text-xs text-sky-700 dark:text-sky-300">
              Retrying failed files{run.batches > 1 ? ` · job ${run.batch} of ${run.batches}` : ''}
            </p>
          )}
        </div>
        {!finished && (
          <JobControls
            paused={paused}
            stopping={stopping}
            starting={state.phase === 'starting'}
            onPause={onPause}
            onResume={onResume}
            onCancel={onCancel}
            onTerminate={onTerminate}
          />
        )}
      </div>

      <div className="flex items-center gap-3">
        <div className="flex-1">
          <ProgressBar
            label="Overall progress"
            size="lg"
            fraction={fraction}
            valueText={valueText}
            growing={scanning && !paused}
            tone={
              finished
                ? state.summary?.state !== 'done'
                  ? 'neutral'
                  : failed === 0
                    ? 'success'
                    : 'warning'
                : paused
                  ? 'paused'
                  : 'accent'
            }
          />
        </div>
        <span className="w-12 text-right text-sm font-semibold tabular-nums">{formatPercent(fraction)}</span>
      </div>

      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
        {/* While running, bytes "done" include skipped and failed files (the bar must reach 100 %); at the end,
            the figure that matters is what was really written. */}
        <Stat
          label={finished ? 'Copied' : 'Done'}
          value={formatBytes(finished ? (state.summary?.bytesCopied ?? 0) : bytesDone)}
          detail={`of ${formatBytes(bytesTotal)}${soFar}`}
        />
        <Stat
          label="Files"
          value={formatCount(filesDone)}
          detail={`of ${formatCount(filesTotal)}${soFar}`}
          extra={
            failed || skipped
              ? [failed && `${formatCount(failed)} failed`, skipped && `${formatCount(skipped)} skipped`]
                  .filter(Boolean)
                  .join(' · ')
              : undefined
          }
          extraTone={failed ? 'danger' : 'muted'}
        />
        {finished && state.summary ? (
          <>
            <Stat label="Average speed" value={formatSpeed(averageSpeed(state.summary))} />
            <Stat label="Duration" value={formatElapsed(state.summary.durationMs)} />
          </>
        ) : (
          <>
            <Stat
              label="Speed"
              value={paused ? 'Paused' : formatSpeed(p?.bytesPerSecond ?? 0)}
              detail={p ? `${formatElapsed(p.elapsedMs)} elapsed` : undefined}
            />
            <Stat
              label="Time left"
              value={eta ? formatDuration(eta.seconds) : scanning && !paused ? 'Estimating…' : '—'}
              detail={eta?.lowerBound ? 'or more (scanning)' : undefined}
            />
          </>
        )}
      </dl>

      {!finished && <SpeedGraph history={state.speed} current={paused ? 0 : (p?.bytesPerSecond ?? 0)} />}
      {!finished && p && <InFlightList files={p.inFlight} paused={paused} />}
      {finished && state.summary && <JobSummaryStatus summary={state.summary} refused={run?.refused ?? []} />}
    </Card>
  )
}

/** How far a cancelled or terminated run got, by bytes (files when there were none). */
function summaryFraction(state: JobViewState): number {
  const s = state.summary
  if (!s) return 0
  if (s.bytesTotal > 0) return s.bytesDone / s.bytesTotal
  return s.filesTotal > 0 ? filesProcessed(s) / s.filesTotal : 0
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
      <dt className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="truncate text-lg leading-7 font-semibold tabular-nums">{value}</dd>
      {detail && <dd className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{detail}</dd>}
      {extra && (
        <dd
          className={`text-xs tabular-nums ${extraTone === 'danger' ? 'text-rose-600 dark:text-rose-400' : 'text-zinc-500 dark:text-zinc-400'}`}
        >
          {extra}
        </dd>
      )}
    </div>
  )
}
