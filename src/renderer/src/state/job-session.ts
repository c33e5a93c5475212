/**
 * The job session: the one impure piece between `window.ferry` and the view. It feeds job events and the answers
 * of requests through the pure {@link jobReducer}, keeps file results in a {@link ResultStore}, starts what the
 * reducer says to launch, and lets React subscribe (`useSyncExternalStore`). Events are handled synchronously as
 * they arrive, so a result batch can never land in a list that is about to be cleared.
 */
import type { FerryApi, Result, ShellKind, StartRequest } from '../../../shared/ipc'
import type {
  ConflictAnswer,
  ConflictQuestion,
  FerryErrorData,
  FileResult,
  JobOptions,
  JobSummary,
} from '../../../shared/job'
import { i18n } from '../i18n'
import { createNameMapper, hasRest, planRest } from '../lib/rest-plan'
import { buildReport, type ReportFormat } from '../lib/report'
import { planRetry, retryableFailures } from '../lib/retry-plan'
import { initialJobViewState, jobReducer, type JobAction, type JobViewState } from './job-reducer'
import { ResultStore } from './result-store'

/** What the view may do with a job. Every verb is safe to call in any state (it does nothing when pointless). */
export interface JobSession {
  getState(): JobViewState
  subscribe(listener: () => void): () => void
  readonly results: ResultStore
  /** Listens to the shell's job events; returns the function that stops listening. */
  connect(): () => void
  /** Starts a copy; resolves true once the engine accepted it, false when it was refused (see `startError`). */
  start(request: StartRequest): Promise<boolean>
  /**
   * Copies the failed files of the finished run again, each to its own destination (see retry-plan.ts); files
   * that cannot be copied (a named pipe, …) are left out.
   */
  retryFailed(): Promise<boolean>
  /** True when the finished run was stopped and left files uncopied ("Copy the rest" is offered). */
  canCopyRest(): boolean
  /** After Cancel or Terminate: copies what the stopped run did not (see rest-plan.ts). */
  copyRest(): Promise<boolean>
  pause(): void
  resume(): void
  cancel(): void
  terminate(): void
  answerConflict(question: ConflictQuestion, answer: ConflictAnswer): void
  dismissNotice(): void
  /** Where the window runs: Electron can open folders, the browser shell cannot (it shows the path instead). */
  readonly shell: ShellKind
  /** Opens the last job's destination in the file manager (Electron): the request names the job, not a path. */
  openDestination(): void
  /** The finished run's report ("Save report…"), or null when there is no finished run to report. */
  report(format: ReportFormat): { name: string; text: string; type: string } | null
  /** "Skip this file" for a file of the in-flight list (its id); a file that finished meanwhile is left as is. */
  skipFile(fileId: number): void
  /** Changes the running job's speed limit (bytes per second, 0: none). */
  setBandwidthLimit(bytesPerSecond: number): void
}

/** Turns a rejected bridge call (a lost connection, a bug) into an error we can show. */
function asError(error: unknown): FerryErrorData {
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', message: i18n.t('session.unreachable', { message }) }
}

/** Creates a session over `ferry` (the preload's bridge, the web bridge, or a fake in tests). */
export function createJobSession(ferry: FerryApi): JobSession {
  let state: JobViewState = initialJobViewState
  let launched = 0
  const results = new ResultStore()
  const listeners = new Set<() => void>()
  const waiting = new Map<number, (accepted: boolean) => void>()
  /** The request of the last Start (what "Copy the rest" runs again). */
  let lastCopy: JobOptions | null = null
  /** Gives a retry's results their original display names (see createNameMapper). */
  let rename: ((result: FileResult) => FileResult) | null = null

  const dispatch = (action: JobAction): void => {
    const before = state
    state = jobReducer(state, action)
    if (state.run?.id !== before.run?.id) results.clear()
    if (action.type === 'event' && action.event.type === 'files' && action.event.jobId === state.jobId) {
      const mapper = rename
      results.append(mapper ? action.event.results.map(mapper) : action.event.results)
    }
    if (state !== before) for (const listener of listeners) listener()
    if (state.launch && state.launch.seq > launched) launch(state.launch.seq, state.launch.options)
  }

  const launch = (seq: number, options: StartRequest): void => {
    launched = seq
    ferry.start(options).then(
      (result) => {
        if (result.ok) {
          dispatch({ type: 'start-accepted', seq, jobId: result.value.jobId })
          // Cancel/Terminate clicked while this job was being started (between two retry jobs): obey it now.
          if (state.stopRequested && state.jobId === result.value.jobId) {
            void control(state.stopRequested)
          }
        } else {
          dispatch({ type: 'start-failed', seq, error: result.error })
        }
        settle(seq, result.ok)
      },
      (error: unknown) => {
        dispatch({ type: 'start-failed', seq, error: asError(error) })
        settle(seq, false)
      },
    )
  }

  /** Resolves the promise of the Start/Retry click that asked for launch `seq`. */
  const settle = (seq: number, accepted: boolean): void => {
    const resolve = waiting.get(seq)
    if (!resolve) return
    waiting.delete(seq)
    resolve(accepted)
  }

  const runRequested = (
    kind: 'copy' | 'retry' | 'rest',
    jobs: StartRequest[],
    names: readonly FileResult[] = [],
  ): Promise<boolean> => {
    if (jobs.length === 0 || state.phase === 'starting' || state.phase === 'running')
      return Promise.resolve(false)
    if (kind === 'copy') lastCopy = jobs[0] ?? null
    rename = names.length > 0 ? createNameMapper(names) : null
    const accepted = new Promise<boolean>((resolve) => waiting.set(state.seq + 1, resolve))
    dispatch({ type: 'run-requested', kind, jobs })
    return accepted
  }

  const control = async (verb: 'pause' | 'resume' | 'cancel' | 'terminate'): Promise<void> => {
    const jobId = state.jobId
    dispatch({ type: 'control-requested', verb })
    if (!jobId) return
    let result: Result<JobSummary | null>
    try {
      result = await ferry[verb](jobId)
    } catch (error) {
      result = { ok: false, error: asError(error) }
    }
    if (!result.ok) dispatch({ type: 'control-failed', verb, error: result.error })
    // Cancel and terminate answer with the summary: take it even if the `finished` event was lost.
    else if (result.value) dispatch({ type: 'event', event: { type: 'finished', summary: result.value } })
  }

  /** A request whose only visible answer is an error (shown as the notice). */
  const request = (verb: 'open' | 'skip' | 'limit', sent: Promise<Result<unknown>>): void => {
    sent.then(
      (result) => result.ok || dispatch({ type: 'control-failed', verb, error: result.error }),
      (error: unknown) => dispatch({ type: 'control-failed', verb, error: asError(error) }),
    )
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    results,
    connect: () => ferry.onJobEvent((event) => dispatch({ type: 'event', event })),
    start: (request) => runRequested('copy', [request]),
    retryFailed() {
      if (state.phase !== 'finished' || !state.options) return Promise.resolve(false)
      const { onConflict, verify, threads, chunkSize, move, bandwidthLimit } = state.options
      const base = { onConflict, verify, threads, chunkSize, move, bandwidthLimit }
      // Drop undefined options: the bridge's schema may reject explicit undefined values.
      for (const key of Object.keys(base) as Array<keyof typeof base>)
        if (base[key] === undefined) delete base[key]
      const failures = retryableFailures(results.failures())
      return runRequested('retry', planRetry(failures, base), failures)
    },
    canCopyRest: () =>
      state.phase === 'finished' && state.summary !== null && lastCopy !== null && hasRest(state.summary),
    copyRest() {
      if (state.phase !== 'finished' || !state.summary || !lastCopy) return Promise.resolve(false)
      const stopped = results.stopped()
      const plan = planRest(state.summary, stopped, lastCopy)
      // Exact jobs name the stopped files themselves; a re-run of the original job names files as before.
      return runRequested('rest', plan.jobs, plan.exact ? stopped : [])
    },
    pause: () => void control('pause'),
    resume: () => void control('resume'),
    cancel: () => void control('cancel'),
    terminate: () => void control('terminate'),
    answerConflict(question, answer) {
      dispatch({ type: 'conflict-answered', conflictId: question.conflictId })
      ferry
        .answerConflict({ jobId: question.jobId, conflictId: question.conflictId, answer })
        .then(
          (result) => (result.ok ? undefined : result.error),
          (error: unknown) => asError(error),
        )
        .then((error) => error && dispatch({ type: 'control-failed', verb: 'answer', error }))
    },
    dismissNotice: () => dispatch({ type: 'dismiss-notice' }),
    shell: ferry.shell,
    openDestination() {
      const jobId = state.jobId
      if (!jobId) return
      request('open', ferry.openDestination(jobId))
    },
    report(format) {
      if (state.phase !== 'finished' || !state.summary || !state.options) return null
      return buildReport(results, state.options, state.summary, format)
    },
    skipFile(fileId) {
      const jobId = state.jobId
      if (!jobId || state.phase !== 'running') return
      request('skip', ferry.skipFile(jobId, fileId))
    },
    setBandwidthLimit(bytesPerSecond) {
      const jobId = state.jobId
      if (!jobId || state.phase !== 'running') return
      request('limit', ferry.setBandwidthLimit(jobId, bytesPerSecond))
    },
  }
}
