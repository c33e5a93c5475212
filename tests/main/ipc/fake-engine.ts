import type {
  ConflictAnswer,
  ConflictQuestion,
  JobOptions,
  JobSummary,
  ProgressSnapshot,
} from '../../../src/shared/job'
import type { CopyEngine, CopyJob, JobHooks } from '../../../src/engine'
import { FerryError } from '../../../src/engine'

/** A summary with every count zero, for a fake job that ended as `state`. */
export function summaryOf(jobId: string, state: JobSummary['state']): JobSummary {
  return {
    jobId,
    state,
    bytesDone: 0,
    bytesCopied: 0,
    bytesTotal: 0,
    filesTotal: 0,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    filesCancelled: 0,
    filesNotStarted: 0,
    filesExcluded: 0,
    scanComplete: true,
    durationMs: 0,
    failures: [],
    warnings: [],
  }
}

/** A progress snapshot of a fake job. */
export function snapshotOf(jobId: string, bytesDone: number, bytesTotal = 100): ProgressSnapshot {
  return {
    jobId,
    state: 'running',
    scanning: false,
    bytesDone,
    bytesTotal,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    filesTotal: 1,
    bytesPerSecond: 0,
    etaSeconds: null,
    elapsedMs: 0,
    inFlight: [],
  }
}

/** A fake job: records control calls; `finish` ends it. */
export class FakeJob implements CopyJob {
  readonly calls: string[] = []
  readonly done: Promise<JobSummary>
  finish!: (state: JobSummary['state']) => void

  constructor(
    readonly id: string,
    readonly hooks: JobHooks,
  ) {
    this.done = new Promise((resolve) => {
      this.finish = (state) => {
        const summary = summaryOf(id, state)
        hooks.onEvent?.({ type: 'finished', summary })
        resolve(summary)
      }
    })
  }

  progress(): ProgressSnapshot {
    return snapshotOf(this.id, 0)
  }
  pause(): void {
    this.calls.push('pause')
  }
  resume(): void {
    this.calls.push('resume')
  }
  skipFile(id: number): boolean {
    this.calls.push(`skip ${id}`)
    return true
  }
  setBandwidthLimit(bytesPerSecond: number): void {
    this.calls.push(`limit ${bytesPerSecond}`)
  }
  cancel(): Promise<JobSummary> {
    this.calls.push('cancel')
    this.finish('cancelled')
    return this.done
  }
  terminate(): Promise<JobSummary> {
    this.calls.push('terminate')
    this.finish('terminated')
    return this.done
  }

  /** Asks a question the way the engine does under `ask`. */
  ask(
    question: Omit<ConflictQuestion, 'jobId'>,
    signal = new AbortController().signal,
  ): Promise<ConflictAnswer> {
    if (!this.hooks.onConflict) throw new Error('no onConflict hook')
    return this.hooks.onConflict({ ...question, jobId: this.id }, signal)
  }
}

/** A fake engine: `start` records its options, refuses a second job, and can be told to refuse. */
export class FakeEngine implements CopyEngine {
  readonly started: JobOptions[] = []
  refuseWith: FerryError | Error | undefined
  current: FakeJob | undefined
  closed = false
  private count = 0

  async preflight(): Promise<never> {
    throw new Error('not used')
  }

  async start(options: JobOptions, hooks: JobHooks = {}): Promise<FakeJob> {
    if (this.refuseWith) throw this.refuseWith
    if (this.current) throw new FerryError('JOB_RUNNING', 'A copy is already running.')
    this.started.push(options)
    const job = new FakeJob(`job-${++this.count}`, hooks)
    this.current = job
    hooks.onEvent?.({ type: 'started', jobId: job.id, options })
    void job.done.then(() => {
      if (this.current === job) this.current = undefined
    })
    return job
  }

  async close(): Promise<void> {
    this.closed = true
  }
}
