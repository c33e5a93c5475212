/**
 * The "Job progress" region: what is being copied where, the overall bar, the figures (ProgressStats.tsx), the
 * speed graph, the files in flight, the controls, and the summary once the run has ended. While the walk is still
 * counting there is no percentage and no time left: the totals are partial, so any would be a guess.
 *
 * Focus: Start moves the focus (and the view) to this card's heading, so a keyboard or screen-reader user lands on
 * what just began, even in a small window where the card is below the form; when the focused control goes away
 * (Cancel disables itself, the controls disappear at the end) the heading takes the focus back.
 */
import { useEffect, useRef, useState } from 'react'
import type { JobViewState } from '../state/job-reducer'
import type { TFunction } from 'i18next'
import { useFormat } from '../i18n/use-format'
import { finishedFraction, outcomeOf, outcomeTitleKey } from '../lib/job-outcome'
import { filesProcessed, isCounting, overallFraction } from '../lib/progress'
import { InFlightList } from './InFlightList'
import { JobControls } from './JobControls'
import { type DestinationAction, JobSummaryStatus } from './JobSummaryStatus'
import { ProgressBar, type ProgressTone } from './ProgressBar'
import { ProgressStats } from './ProgressStats'
import { SpeedGraph } from './SpeedGraph'
import { SpeedLimitSelect } from './SpeedLimitSelect'
import { SyncProgress } from './SyncProgress'
import { TerminateDialog } from './TerminateDialog'
import { Card } from './ui'

export interface JobProgressProps {
  state: JobViewState
  onPause: () => void
  onResume: () => void
  onCancel: () => void
  onTerminate: () => void
  /** "Copy the rest" after a stop; absent when there is nothing left to copy. */
  onCopyRest?: (() => void) | undefined
  /** How the finished job's destination is offered (see JobSummaryStatus). */
  destination?: DestinationAction | undefined
  /** "Skip this file" for an in-flight file (its id); absent: no skip buttons. */
  onSkipFile?: ((fileId: number) => void) | undefined
  /** "Save report…" of the finished run (CSV or JSON). */
  onSaveReport?: ((format: 'csv' | 'json') => void) | undefined
  /** Changes the running job's speed limit (bytes per second, 0 none); absent: no speed-limit menu. */
  onSpeedLimit?: ((bytesPerSecond: number) => void) | undefined
}

/** What the engine says it is doing besides copying (see `ProgressSnapshot.phase`), as a catalog key. */
const PHASE_LABEL = { verifying: 'job.verifying', syncing: 'job.syncing' } as const

function phaseLabel(t: TFunction, state: JobViewState): string | null {
  const phase = state.phase === 'running' ? state.progress?.phase : undefined
  return phase === 'verifying' || phase === 'syncing' ? t(PHASE_LABEL[phase]) : null
}

function title(t: TFunction, state: JobViewState): string {
  if (state.phase === 'starting') return t(state.run?.kind === 'retry' ? 'job.startingRetry' : 'job.starting')
  if (state.phase === 'finished')
    return state.summary
      ? t(outcomeTitleKey(outcomeOf(state.summary, state.run?.refused)))
      : t('job.finished')
  switch (state.progress?.state) {
    case 'paused':
      return t(state.pauseIntent === 'resume' ? 'job.resuming' : 'job.paused')
    case 'cancelling':
      return t('job.cancelling')
    case 'terminating':
      return t('job.terminating')
    default:
      if (state.stopRequested === 'cancel') return t('job.cancelling')
      if (state.stopRequested === 'terminate') return t('job.terminating')
      if (state.pauseIntent === 'pause') return t('job.pausing')
      return phaseLabel(t, state) ?? t(state.progress?.scanning ? 'job.countingAndCopying' : 'job.copying')
  }
}

/** `3 sources → /mnt/backup` */
function route(t: TFunction, state: JobViewState): string | null {
  const options = state.options ?? state.launch?.options
  if (!options) return null
  const what =
    options.sources.length === 1 ? options.sources[0]! : t('job.sources', { count: options.sources.length })
  return t('job.route', { what, destination: options.destination })
}

/** Whether the focus has nowhere useful to be (on the page body, or on a control that went away or disabled). */
function focusLost(): boolean {
  const active = document.activeElement
  if (!active || active === document.body) return true
  return !active.isConnected || (active as HTMLButtonElement).disabled === true
}

export function JobProgress({
  state,
  onPause,
  onResume,
  onCancel,
  onTerminate,
  onCopyRest,
  destination,
  onSkipFile,
  onSpeedLimit,
  onSaveReport,
}: JobProgressProps) {
  const { t, f } = useFormat()
  const heading = useRef<HTMLHeadingElement>(null)
  const [confirming, setConfirming] = useState(false)
  // The limit chosen here since the job started (undefined: the one it started with).
  const [limit, setLimit] = useState<{ jobId: string | null; bytesPerSecond: number } | null>(null)
  const p = state.progress
  const finished = state.phase === 'finished'
  const summary = finished ? state.summary : null
  const paused = state.pauseIntent ? state.pauseIntent === 'pause' : p?.state === 'paused'
  const stopping =
    state.stopRequested ??
    (p?.state === 'cancelling' ? 'cancel' : p?.state === 'terminating' ? 'terminate' : null)
  const counting = !finished && (p ? isCounting(p) : true)
  const run = state.run
  const outcome = summary ? outcomeOf(summary, run?.refused) : null

  useEffect(() => {
    // A new run: the user just pressed Start (or Retry); bring them to it.
    heading.current?.focus({ preventScroll: true })
    heading.current?.closest('section')?.scrollIntoView?.({ block: 'nearest' })
  }, [run?.id])
  useEffect(() => {
    if (focusLost()) heading.current?.focus({ preventScroll: true })
  }, [state.phase, stopping])

  const fraction = summary ? finishedFraction(summary) : p ? overallFraction(p) : 0
  const bytesDone = summary ? summary.bytesDone : (p?.bytesDone ?? 0)
  const bytesTotal = summary ? summary.bytesTotal : (p?.bytesTotal ?? 0)
  const filesDone = summary ? filesProcessed(summary) : p ? filesProcessed(p) : 0
  const filesTotal = summary ? summary.filesTotal : (p?.filesTotal ?? 0)
  const failed = summary ? summary.filesFailed : (p?.filesFailed ?? 0)
  const skipped = summary ? summary.filesSkipped : (p?.filesSkipped ?? 0)

  const figures = { bytesDone: f.bytes(bytesDone), bytesTotal: f.bytes(bytesTotal), filesDone, filesTotal }
  const valueText = counting
    ? t('job.valueCounting', figures)
    : t('job.value', { ...figures, percent: f.percent(fraction) })
  const tone: ProgressTone = outcome
    ? outcome === 'clean'
      ? 'success'
      : outcome === 'errors'
        ? 'warning'
        : outcome === 'nothing'
          ? 'danger'
          : 'neutral'
    : paused
      ? 'paused'
      : 'accent'

  return (
    <Card aria-label={t('job.region')} className="flex scroll-mt-4 flex-col gap-4 p-5">
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <h2 ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
            {title(t, state)}
          </h2>
          <p
            className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400"
            title={route(t, state) ?? undefined}
          >
            {route(t, state)}
          </p>
          {run && run.kind === 'retry' && (
            <p className="text-xs text-sky-800 dark:text-sky-300">
              {run.batches > 1
                ? t('job.retryingBatch', { batch: run.batch, batches: run.batches })
                : t('job.retrying')}
            </p>
          )}
          {run && run.kind === 'rest' && (
            <p className="text-xs text-sky-800 dark:text-sky-300">{t('job.rest')}</p>
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
            onTerminate={() => setConfirming(true)}
          />
        )}
      </div>

      <div className="flex items-center gap-3">
        <div className="flex-1">
          <ProgressBar
            label={t('job.overall')}
            size="lg"
            fraction={counting ? null : fraction}
            valueText={valueText}
            growing={counting && !paused}
            tone={tone}
          />
        </div>
        <span className="min-w-12 text-right text-sm font-semibold tabular-nums">
          {counting ? t('job.counting') : f.percent(fraction)}
        </span>
      </div>

      {!finished && p && <SyncProgress progress={p} />}

      <ProgressStats
        progress={p}
        summary={summary}
        activeMs={state.activeMs}
        eta={state.eta}
        counting={counting}
        paused={paused}
        phaseLabel={phaseLabel(t, state)}
        bytesDone={bytesDone}
        bytesTotal={bytesTotal}
        filesDone={filesDone}
        filesTotal={filesTotal}
        failed={failed}
        skipped={skipped}
      />

      {!finished && <SpeedGraph history={state.speed} current={paused ? 0 : (p?.bytesPerSecond ?? 0)} />}
      {!finished && p && (
        <InFlightList
          files={p.inFlight}
          paused={paused}
          onSkip={onSkipFile && !stopping ? (file) => onSkipFile(file.id) : undefined}
        />
      )}
      {!finished && onSpeedLimit && state.phase === 'running' && (
        <SpeedLimitSelect
          hint={false}
          disabled={stopping !== null}
          value={
            limit && limit.jobId === state.jobId ? limit.bytesPerSecond : (state.options?.bandwidthLimit ?? 0)
          }
          onChange={(bytesPerSecond) => {
            setLimit({ jobId: state.jobId, bytesPerSecond })
            onSpeedLimit(bytesPerSecond)
          }}
        />
      )}
      {summary && (
        <JobSummaryStatus
          summary={summary}
          refused={run?.refused ?? []}
          activeMs={state.activeMs}
          onCopyRest={onCopyRest}
          destination={destination}
          onSaveReport={onSaveReport}
        />
      )}
      {confirming && (
        <TerminateDialog
          paused={paused}
          ended={finished}
          onKeep={() => setConfirming(false)}
          onTerminate={() => {
            setConfirming(false)
            onTerminate()
          }}
        />
      )}
    </Card>
  )
}
