/**
 * The job view's state: a pure reducer fed by the engine's {@link JobEvent}s and by what the user asked for.
 * It never calls `window.ferry`; it says what to start next in {@link JobViewState.launch} and the session
 * (job-session.ts) does it. File results are not kept here but in the ResultStore (copying an array of 100,000
 * results per event is what this split avoids).
 */
import type {
  ConflictQuestion,
  FerryErrorData,
  JobEvent,
  JobOptions,
  JobSummary,
  ProgressSnapshot,
} from '../../../shared/job'
import type { EtaEstimate } from '../lib/eta'
import { EMPTY_SPEED_HISTORY, type SpeedHistory } from '../lib/progress'
import { stepProgress, wasCopying } from './progress-step'
import { combineSummaries } from './summaries'

/**
 * `copy` is a Start; `retry` is "Retry failed" and `rest` is "Copy the rest", possibly several jobs each (one per
 * destination folder).
 */
export type RunKind = 'copy' | 'retry' | 'rest'

/** What the user started with one click: one or more jobs run one after the other. */
export interface Run {
  /** Changes with every run: the result list is cleared when it does. */
  id: number
  kind: RunKind
  /** Jobs planned in all. */
  batches: number
  /** 1-based number of the job launched last. */
  batch: number
  /** Jobs not launched yet. */
  pending: readonly JobOptions[]
  /** Summaries of the run's finished jobs. */
  summaries: readonly JobSummary[]
  /** Retry jobs the engine refused at start (e.g. the source is gone now); the run went on without them. */
  refused: readonly FerryErrorData[]
}

/**
 * `idle`: nothing to show. `starting`: a start request is out. `running`: a job runs (also while paused or
 * stopping). `finished`: the run ended and {@link JobViewState.summary} says how.
 */
export type Phase = 'idle' | 'starting' | 'running' | 'finished'

/** A control verb of the job view. */
export type ControlVerb = 'pause' | 'resume' | 'cancel' | 'terminate'

export interface JobViewState {
  phase: Phase
  run: Run | null
  /** The job the session must start now; `seq` identifies the request in its answer. */
  launch: { seq: number; options: JobOptions } | null
  jobId: string | null
  /** The running (or last) job's options, as the engine echoed them. */
  options: JobOptions | null
  progress: ProgressSnapshot | null
  speed: SpeedHistory
  /** Smoothed time left of the current job (see eta.ts); null while counting or unknown. */
  eta: EtaEstimate | null
  /** Milliseconds of the run really spent copying (not paused, not stalled on a question): the average speed's. */
  activeMs: number
  /** Open `ask` questions, oldest first (the engine asks one at a time). */
  conflicts: readonly ConflictQuestion[]
  warnings: readonly FerryErrorData[]
  /** The run's combined summary, once it has finished. */
  summary: JobSummary | null
  /** Why the last start was refused (shown as an alert by the start form). */
  startError: FerryErrorData | null
  /** Why a control call (pause, cancel, answer, …) failed. */
  notice: FerryErrorData | null
  /** A pause/resume the user asked for that no snapshot has confirmed yet (keeps the button from flickering). */
  pauseIntent: 'pause' | 'resume' | null
  /** Cancel or terminate asked for: buttons disable at once, and later retry jobs are dropped. */
  stopRequested: 'cancel' | 'terminate' | null
  /** The last launch number; it keeps growing across runs so a late answer to an old request is never taken for a new one. */
  seq: number
}

export type JobAction =
  | { type: 'event'; event: JobEvent }
  | { type: 'run-requested'; kind: RunKind; jobs: readonly JobOptions[] }
  | { type: 'start-accepted'; seq: number; jobId: string }
  | { type: 'start-failed'; seq: number; error: FerryErrorData }
  | { type: 'control-requested'; verb: ControlVerb }
  | {
      type: 'control-failed'
      verb: ControlVerb | 'answer' | 'open' | 'skip' | 'limit'
      error: FerryErrorData
    }
  | { type: 'conflict-answered'; conflictId: number }
  | { type: 'dismiss-notice' }

/** The state before anything happened. */
export const initialJobViewState: JobViewState = {
  phase: 'idle',
  run: null,
  launch: null,
  jobId: null,
  options: null,
  progress: null,
  speed: EMPTY_SPEED_HISTORY,
  eta: null,
  activeMs: 0,
  conflicts: [],
  warnings: [],
  summary: null,
  startError: null,
  notice: null,
  pauseIntent: null,
  stopRequested: null,
  seq: 0,
}

/** The next state. Pure: same input, same output, nothing mutated. */
export function jobReducer(state: JobViewState, action: JobAction): JobViewState {
  switch (action.type) {
    case 'event':
      return reduceEvent(state, action.event)
    case 'run-requested': {
      const [first, ...rest] = action.jobs
      if (!first) return state
      const run: Run = {
        id: (state.run?.id ?? 0) + 1,
        kind: action.kind,
        batches: action.jobs.length,
        batch: 1,
        pending: rest,
        summaries: [],
        refused: [],
      }
      return {
        ...initialJobViewState,
        phase: 'starting',
        run,
        seq: state.seq + 1,
        launch: { seq: state.seq + 1, options: first },
      }
    }
    case 'start-accepted':
      if (state.launch?.seq !== action.seq) return state
      // The `started` event may have come first; either way this is now the job.
      return { ...state, launch: null, jobId: action.jobId, phase: 'running' }
    case 'start-failed': {
      if (state.launch?.seq !== action.seq || !state.run) return state
      const run = state.run
      if (run.kind !== 'copy' && run.pending.length > 0 && !state.stopRequested) {
        return launchNext({ ...state, run: { ...run, refused: [...run.refused, action.error] } })
      }
      if (run.summaries.length > 0) {
        return {
          ...finish(state, run),
          run: { ...run, refused: [...run.refused, action.error] },
          startError: action.error,
        }
      }
      return {
        ...initialJobViewState,
        seq: state.seq,
        run: { ...run, pending: [] },
        startError: action.error,
      }
    }
    case 'control-requested':
      switch (action.verb) {
        case 'pause':
        case 'resume':
          return { ...state, pauseIntent: action.verb, notice: null }
        case 'cancel':
        case 'terminate':
          return {
            ...state,
            stopRequested: action.verb,
            notice: null,
            run: state.run ? { ...state.run, pending: [] } : state.run,
          }
      }
      return state
    case 'control-failed':
      return {
        ...state,
        notice: action.error,
        pauseIntent: action.verb === 'pause' || action.verb === 'resume' ? null : state.pauseIntent,
        stopRequested: action.verb === 'cancel' || action.verb === 'terminate' ? null : state.stopRequested,
      }
    case 'conflict-answered':
      return { ...state, conflicts: state.conflicts.filter((q) => q.conflictId !== action.conflictId) }
    case 'dismiss-notice':
      return { ...state, notice: null, startError: null }
  }
}

function reduceEvent(state: JobViewState, event: JobEvent): JobViewState {
  switch (event.type) {
    case 'started': {
      if (event.jobId === state.jobId) return state.options ? state : { ...state, options: event.options }
      if (state.phase === 'starting' && state.jobId === null) {
        return { ...state, launch: null, jobId: event.jobId, options: event.options, phase: 'running' }
      }
      // A job this window did not start (the page was reloaded mid-job and the shell replayed it): show it.
      return {
        ...initialJobViewState,
        seq: state.seq,
        phase: 'running',
        run: {
          id: (state.run?.id ?? 0) + 1,
          kind: 'copy',
          batches: 1,
          batch: 1,
          pending: [],
          summaries: [],
          refused: [],
        },
        launch: null,
        jobId: event.jobId,
        options: event.options,
      }
    }
    case 'progress': {
      const progress = event.progress
      if (progress.jobId !== state.jobId || state.phase !== 'running') return state
      const confirmed =
        (state.pauseIntent === 'pause' && progress.state === 'paused') ||
        (state.pauseIntent === 'resume' && progress.state !== 'paused')
      return {
        ...state,
        ...stepProgress(state, progress, state.conflicts.length > 0),
        pauseIntent: confirmed ? null : state.pauseIntent,
      }
    }
    case 'files':
      // Results live in the ResultStore; the session appends them when `event.jobId` is the current job.
      return state
    case 'conflict': {
      const q = event.question
      if (q.jobId !== state.jobId || state.conflicts.some((c) => c.conflictId === q.conflictId)) return state
      return { ...state, conflicts: [...state.conflicts, q] }
    }
    case 'warning': {
      // Each job of a retry warns about free space again (for its own folder, with new figures): the newest
      // free-space warning replaces the older ones instead of stacking up.
      const w = event.warning
      if (event.jobId !== state.jobId || state.warnings.some((o) => o.message === w.message)) return state
      const same = (o: FerryErrorData): boolean =>
        o.code === w.code && (w.code === 'DISK_FULL' || o.path === w.path)
      const others = state.warnings.filter((o) => !same(o))
      return { ...state, warnings: [...others, w] }
    }
    case 'finished': {
      const summary = event.summary
      const run = state.run
      if (summary.jobId !== state.jobId || !run || run.summaries.some((s) => s.jobId === summary.jobId))
        return state
      // The stretch from the last snapshot to the end counts like the ones before it.
      const tail = wasCopying(state.progress, state.conflicts.length > 0, null)
        ? Math.max(0, summary.durationMs - (state.progress?.elapsedMs ?? 0))
        : 0
      const next: JobViewState = {
        ...state,
        activeMs: state.activeMs + tail,
        run: { ...run, summaries: [...run.summaries, summary] },
        conflicts: [],
        pauseIntent: null,
      }
      if (summary.state === 'done' && run.pending.length > 0 && !state.stopRequested) return launchNext(next)
      return finish(next, next.run!)
    }
  }
}

/** Ends the run: combined summary, nothing pending. */
function finish(state: JobViewState, run: Run): JobViewState {
  return {
    ...state,
    phase: 'finished',
    launch: null,
    run: { ...run, pending: [] },
    summary: combineSummaries(run.summaries),
    conflicts: [],
    pauseIntent: null,
  }
}

/** Launches the run's next pending job. */
function launchNext(state: JobViewState): JobViewState {
  const run = state.run!
  const [options, ...rest] = run.pending
  return {
    ...state,
    phase: 'starting',
    jobId: null,
    progress: null,
    speed: EMPTY_SPEED_HISTORY,
    eta: null,
    run: { ...run, pending: rest, batch: run.batch + 1 },
    seq: state.seq + 1,
    launch: { seq: state.seq + 1, options: options! },
  }
}
