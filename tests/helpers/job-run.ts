import { expect } from 'vitest'
import type { CopyEngine, CopyJob, JobHooks } from '../../src/engine'
import type {
  FileResult,
  InFlightFile,
  JobEvent,
  JobOptions,
  JobSummary,
  ProgressSnapshot,
} from '../../src/shared/job'

/** Records every event of one job, in order, with views the tests need. */
export class JobRecorder {
  readonly events: JobEvent[] = []
  /** Wall-clock time (ms, `performance.now()`) at which each event arrived, parallel to `events`. */
  readonly times: number[] = []

  readonly onEvent = (event: JobEvent): void => {
    this.events.push(event)
    this.times.push(performance.now())
  }

  /** Every file result from the `files` events, in arrival order. */
  get results(): FileResult[] {
    return this.events.flatMap((event) => (event.type === 'files' ? event.results : []))
  }

  /** Every progress snapshot from the `progress` events. */
  get snapshots(): ProgressSnapshot[] {
    return this.events.flatMap((event) => (event.type === 'progress' ? [event.progress] : []))
  }

  /** The one result whose source path is `src` (fails the test if there are none or several). */
  resultFor(src: string): FileResult {
    const found = this.results.filter((result) => result.src === src)
    expect(found, `results for ${src}`).toHaveLength(1)
    return found[0] as FileResult
  }
}

/** Starts a job with a recorder attached (the caller's own `onEvent`, if any, still runs). */
export async function startRecorded(
  engine: CopyEngine,
  options: JobOptions,
  hooks: JobHooks = {},
): Promise<{ job: CopyJob; rec: JobRecorder }> {
  const rec = new JobRecorder()
  const job = await engine.start(options, {
    ...hooks,
    onEvent: (event) => {
      rec.onEvent(event)
      hooks.onEvent?.(event)
    },
  })
  return { job, rec }
}

/**
 * Starts a job and waits for its end. A job that has not ended after `timeoutMs` fails the test and is terminated,
 * so one hung job does not turn every later test of the file into JOB_RUNNING.
 */
export async function runJob(
  engine: CopyEngine,
  options: JobOptions,
  hooks: JobHooks = {},
  timeoutMs = 40_000,
): Promise<{ job: CopyJob; rec: JobRecorder; summary: JobSummary }> {
  const { job, rec } = await startRecorded(engine, options, hooks)
  try {
    const summary = await withTimeout(job.done, timeoutMs, 'the job')
    return { job, rec, summary }
  } catch (error) {
    await withTimeout(job.terminate(), 5_000, 'terminate() of a hung job').catch(() => undefined)
    throw error
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `probe` until it returns a truthy value, which it resolves with; rejects after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value) return value
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(1)
  }
}

/** Waits until the job's bytesDone stays the same across `quietMs` (a paused job's workers reached a boundary). */
export async function waitForStillness(job: CopyJob, quietMs = 80, timeoutMs = 5_000): Promise<number> {
  const deadline = performance.now() + timeoutMs
  let last = job.progress().bytesDone
  for (;;) {
    await sleep(quietMs)
    const now = job.progress().bytesDone
    if (now === last) return now
    if (performance.now() > deadline) throw new Error(`bytesDone still moving after ${timeoutMs} ms of pause`)
    last = now
  }
}

/**
 * Pauses `job` while the file `src` is part-way copied and returns its in-flight entry. Throws (rather than letting a
 * test pass vacuously) if the file finished before the pause took effect.
 */
export async function pauseMidFile(job: CopyJob, src: string): Promise<InFlightFile> {
  await waitUntil(
    () => job.progress().inFlight.find((file) => file.src === src && file.bytesDone > 0),
    `${src} to start copying`,
  )
  job.pause()
  await waitForStillness(job)
  const entry = job.progress().inFlight.find((file) => file.src === src)
  if (!entry || entry.bytesDone >= entry.size) {
    throw new Error(
      `${src} finished before the pause took effect: the test needs a larger file or smaller chunks`,
    )
  }
  return entry
}

/** Asserts the summary's per-status counts account for exactly `filesTotal` files. */
export function expectCountsAddUp(summary: JobSummary, filesTotal: number): void {
  const counted =
    summary.filesDone +
    summary.filesFailed +
    summary.filesSkipped +
    summary.filesCancelled +
    summary.filesNotStarted
  expect({ counted, scanComplete: summary.scanComplete }).toEqual({ counted: filesTotal, scanComplete: true })
}

/** Resolves like `promise`, or rejects after `ms` naming `what`, so an engine that hangs fails fast and says where. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Closes a test file's engine, failing (instead of hanging the run) if a stuck job keeps it from closing. */
export function closeEngine(engine: CopyEngine | undefined): Promise<void> {
  return engine ? withTimeout(engine.close(), 20_000, 'engine.close()') : Promise.resolve()
}

/**
 * For `afterEach`: terminates a job a failed test left running, so the next test does not meet JOB_RUNNING. A no-op
 * after a passing test (no job is current then).
 */
export async function terminateLeftoverJob(engine: CopyEngine | undefined): Promise<void> {
  const job = engine?.current
  if (job)
    await withTimeout(job.terminate(), 10_000, 'terminate() of a job left running').catch(() => undefined)
}
