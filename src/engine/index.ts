/**
 * The engine's one door: everything outside `src/engine/` imports from here (the lint layer rule enforces it), plus
 * the worker entry `worker/copy-worker.ts`, which bundlers must see as a module of its own. Plain Node, no Electron.
 */
import { stat } from 'node:fs/promises'
import { Piscina, type PiscinaTask, type TaskQueue } from 'piscina'
import { checkJobOptions, type JobOptions } from '../shared/job-options'
import type { CopyEngine, CopyJob, EngineOptions, JobHooks, PreflightResult } from './api'
import { FerryError } from './errors'
import { Job, type JobRuntime } from './job'
import { bytePath } from './lib/byte-path'
import { describeDestination, threadsFor } from './device'
import { loadPathFilter, type PathFilter } from './filters'
import { LimitChecker, limitsFor } from './fs-limits'
import { loadCore } from './native/load'
import { verifyReadBack } from './worker/verify'
import { inlineReason, runInline } from './inline-run'
import { placeInto } from './placement'
import { plan, type Plan } from './preflight'
import type { CommitOutcome, CommitTask, CopyTask, ItemOutcome } from './protocol'

export type { CopyEngine, CopyJob, EngineOptions, JobHooks, PreflightResult } from './api'
export { FerryError, toFerryError } from './errors'
/** Raw bytes (a file name, an argument) as text the engine maps back to the same bytes (surrogateescape). */
export { decodeEscaped as textFromBytes } from './lib/byte-path'
export type { PathFilter } from './filters'
export { type LimitChecker, type LimitEntry, windowsNameProblem } from './fs-limits'

/**
 * Which copy core this process runs (the native C core, or the JS core) and why — said once by `ferry --version`
 * and in every job's `started` event. Throws when `FERRY_CORE=native` is set and the native core cannot be loaded.
 */
export function copyCore(): { core: 'native' | 'js'; reason: string } {
  const { core, reason } = loadCore()
  return { core, reason }
}
export { DEFAULT_CHUNK_SIZE } from './job'
export { JobJournal, journalFile, type PreviousRun, stateDir } from './journal'
export {
  type CopyPlan,
  dryRunExitCode,
  planCopy,
  type PlanScope,
  type Sample,
  type Survey,
  surveyJob,
} from './survey'
import type { JobJournal } from './journal'

/** A thread stuck in an uninterruptible system call (a dead network mount) must not hold terminate forever. */
const DESTROY_WAIT_MS = 2000

/** Creates an engine; its worker threads start with the first job and stay for the next ones. */
/** The queue options a commit task carries (see {@link CommitFirstQueue}). */
const COMMIT_FIRST = { commit: true }

/**
 * Piscina's queue of tasks waiting for a thread, with commit groups first. FIFO, a copy task queued before a commit
 * group ran first, and with the dispatcher keeping every thread's next task queued, commit groups waited for the copy
 * to run out: files stayed "written" (not done, not in the journal) until the end (measured: 600 files at
 * --bwlimit 2MiB/s, 0 done after 4.6 s of 4.8). A commit is short next to the copy it makes durable.
 */
class CommitFirstQueue implements TaskQueue {
  private readonly commits: PiscinaTask[] = []
  private readonly copies: PiscinaTask[] = []

  get size(): number {
    return this.commits.length + this.copies.length
  }

  push(task: PiscinaTask): void {
    const options = task[Piscina.queueOptionsSymbol as keyof PiscinaTask] as unknown
    ;(options === COMMIT_FIRST ? this.commits : this.copies).push(task)
  }

  shift(): PiscinaTask | null {
    return this.commits.shift() ?? this.copies.shift() ?? null
  }

  remove(task: PiscinaTask): void {
    for (const list of [this.commits, this.copies]) {
      const at = list.indexOf(task)
      if (at >= 0) list.splice(at, 1)
    }
  }
}

/** Young generation of each copy thread, MiB (V8's default is 48 on 64-bit). */
const WORKER_YOUNG_GENERATION_MB = 4

export function createEngine(options: EngineOptions): CopyEngine {
  return new Engine(options)
}

class Engine implements CopyEngine {
  private pool: Piscina | undefined
  private poolThreads = 0
  private job: Job | undefined
  private closed = false

  constructor(private readonly options: EngineOptions) {}

  get current(): CopyJob | undefined {
    return this.job
  }

  async preflight(input: JobOptions): Promise<PreflightResult> {
    const options = validate(input)
    const { roots, warnings } = await planJob(options)
    return { roots, warnings }
  }

  async start(input: JobOptions, hooks: JobHooks = {}): Promise<CopyJob> {
    if (this.closed) throw new FerryError('INTERNAL', 'The copy engine has been closed.')
    if (this.job) {
      throw new FerryError(
        'JOB_RUNNING',
        'A copy is already running; wait for it to finish or cancel it first.',
      )
    }
    const options = validate(input)
    const planned = resumeRoots(await planJob(options), hooks.journal)
    const device = await describeDestination(options.destination)
    const scope = await scopeFor(options, device.fsType)
    const chosen = options.threads ?? this.options.threads
    const inline = await inlineReason(options, planned)
    const { threads, why } = inline
      ? { threads: 0, why: inline }
      : chosen
        ? { threads: chosen, why: 'as asked (-j / threads)' }
        : threadsFor(device)
    const core = loadCore()
    const walkRoots = planned.roots.map((r) => ({
      source: bytePath(r.source),
      target: bytePath(r.target),
      name: r.source.split(/[\\/]/).filter(Boolean).pop() ?? r.source,
    }))
    if (this.job)
      throw new FerryError(
        'JOB_RUNNING',
        'A copy is already running; wait for it to finish or cancel it first.',
      )
    const runtime: JobRuntime = {
      run: ((task: CopyTask | CommitTask) =>
        inline ? runInline(task) : this.run(task, threads)) as JobRuntime['run'],
      destroyPool: () => this.destroyPool(),
      threads: Math.max(1, threads),
      progressHz: this.options.progressHz ?? 10,
      finished: (job) => {
        if (this.job === job) this.job = undefined
      },
    }
    const started = {
      threads,
      threadsWhy: why,
      core: core.core,
      coreWhy: core.reason,
      ...(options.verify && { verifyReadBack: verifyReadBack() }),
      device: { kind: device.kind, fsType: device.fsType, removable: device.removable },
    }
    const journal = hooks.journal
    if (journal) {
      const previous = journal.previous
      const roots = planned.roots.map(({ source, target }) => ({ source, target }))
      try {
        journal.begin(roots, options.sync !== false || options.move === true, options)
      } catch (error) {
        const detail = (error as NodeJS.ErrnoException).code ?? String(error)
        throw new FerryError(
          'IO_ERROR',
          `Cannot write the resume journal ${journal.path} (${detail}); nothing was copied. Make its folder writable, or run without resuming.`,
          journal.path,
        )
      }
      if (previous) Object.assign(started, { resumed: { ...previous, roots } })
    }
    const job = new Job(options, { ...planned, walkRoots, ...scope }, runtime, hooks, started)
    this.job = job
    // Threads boot (tens of ms each) while the walk finds the first files.
    if (!inline) this.ensurePool(threads)
    void job.run()
    return job
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.job) await this.job.terminate()
    await this.destroyPool()
  }

  private run(task: CopyTask | CommitTask, threads: number): Promise<ItemOutcome[] | CommitOutcome[]> {
    const pool = this.ensurePool(threads)
    // A commit group goes ahead of the copy tasks waiting for a thread (CommitFirstQueue).
    const queued = 'kind' in task ? { ...task, [Piscina.queueOptionsSymbol]: COMMIT_FIRST } : task
    return pool.run(queued) as Promise<ItemOutcome[] | CommitOutcome[]>
  }

  private ensurePool(threads: number): Piscina {
    if (!this.pool || this.poolThreads !== threads) {
      const old = this.pool
      void old?.destroy()
      this.pool = new Piscina({
        filename: this.options.workerPath,
        minThreads: threads,
        maxThreads: threads,
        idleTimeout: 60_000,
        execArgv: this.options.workerExecArgv ?? [],
        recordTiming: false,
        taskQueue: new CommitFirstQueue(),
        // A worker keeps almost nothing between tasks (buffers are outside the heap): a small young generation
        // keeps each thread's RSS down (measured: peak RSS of a 100,000-file copy 140 → 132 MiB with 4 MiB).
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
        // Tasks arrive as port messages rather than through piscina's Atomics.wait loop: a task is a batch, so the
        // few µs saved per task do not matter, and two runs here stalled with a task never picked up and a thread
        // that terminate could not stop while parked in that loop.
        atomics: 'disabled',
      })
      // A thread that cannot start (too few file descriptors, no memory) is an error of the job, never an unhandled
      // 'error' event that would crash the process (or the web-shell server).
      this.pool.on('error', (error: unknown) => this.job?.failAll(error))
      this.poolThreads = threads
    }
    return this.pool
  }

  /** Destroys the pool's threads; gives up waiting after {@link DESTROY_WAIT_MS} so terminate always ends. */
  private async destroyPool(): Promise<void> {
    const pool = this.pool
    this.pool = undefined
    if (!pool) return
    let timer: NodeJS.Timeout | undefined
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, DESTROY_WAIT_MS)))
    await Promise.race([pool.destroy(), gaveUp])
    clearTimeout(timer)
  }
}

/**
 * What a job leaves out and what its destination cannot hold, as the engine applies them while walking: the job's
 * filters (undefined when it has none) and a checker of the destination filesystem's limits. For a dry run that
 * walks the sources itself (the CLI's `--dry-run`); `fsType` defaults to the destination's.
 */
export async function scopeFor(
  options: JobOptions,
  fsType?: string,
): Promise<{ filter: PathFilter | undefined; limits: LimitChecker }> {
  const type = fsType ?? (await describeDestination(options.destination)).fsType
  return {
    filter: await loadPathFilter(options),
    limits: new LimitChecker(limitsFor(type), options.destination),
  }
}

/**
 * An interrupted run's roots (its journal): where pre-flight now says `D/S` because that run created `D`, the copy
 * continues into `D`.
 */
function resumeRoots(planned: Plan, journal: JobJournal | undefined): Plan {
  if (!journal?.previous) return planned
  const roots = planned.roots.map((root) => {
    const target = journal.rootFor(root.source, root.target)
    return target === undefined ? root : { ...root, target }
  })
  return { ...planned, roots }
}

/** Pre-flight, then (for `intoDestination`) every source placed inside the destination. */
async function planJob(options: JobOptions): Promise<Plan> {
  const planned = await plan(options)
  if (!options.intoDestination) return planned
  const st = await stat(options.destination).catch(() => undefined)
  return placeInto(options, planned, st !== undefined && !st.isDirectory())
}

/** Checks untrusted options with the shared schema; the error names each offending field. */
function validate(input: unknown): JobOptions {
  const checked = checkJobOptions(input)
  if (checked.ok) return checked.options
  const problems = checked.problems.map((p) => p.message).join('; ')
  throw new FerryError('INVALID_INPUT', `The copy job's options are not valid (${problems}).`)
}
