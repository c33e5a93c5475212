/**
 * One copy job: its life cycle and control (pause, cancel, terminate), the dispatch of tasks to the pool, the
 * counting of their completions, and its events. The intake feeds the batcher from the walk; the dispatcher takes
 * tasks off the batcher, one per free slot; completions cross a bounded queue to the reporter, which counts them
 * into the tally. Counts live in the tally (open items) and the slot table (tasks in flight); the job ends when the
 * walk is over and both are zero ({@link Job.maybeFinish}). See docs/ARCHITECTURE.md.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type {
  FerryErrorData,
  FinalJobState,
  JobRuntimeInfo,
  JobEvent,
  JobOptions,
  JobState,
  JobSummary,
  ProgressSnapshot,
} from '../shared/job'
import type { CopyJob, JobHooks } from './api'
import { Batcher } from './batcher'
import { CommitGroups } from './commit-groups'
import { ConflictAsker } from './conflict-asker'
import { applyDirectoryMeta, removeEmptyFolders } from './directories'
import { DiskFullRetry } from './disk-full-retry'
import { HardLinks } from './hard-links'
import { Intake, type IntakeScope } from './intake'
import { BoundedQueue } from './lib/bounded-queue'
import type { Plan } from './preflight'
import {
  CANCEL,
  type CommitOutcome,
  type CommitTask,
  type CopyItem,
  type CopyTask,
  type ItemOutcome,
  PAUSE,
  RUN,
  TERMINATE,
  type WorkerConflictPolicy,
} from './protocol'
import { settleAbandoned } from './recovery'
import { SlotTable, type TaskRecord } from './slots'
import { estimateSeconds, SpeedMeter } from './speed'
import { Tally } from './tally'
import type { WalkRoot } from './walker'

/** What a job needs from its engine. */
export interface JobRuntime {
  /** Runs a task on the pool (created on demand): a copy batch, or a commit group. */
  run(task: CopyTask): Promise<ItemOutcome[]>
  run(task: CommitTask): Promise<CommitOutcome[]>
  /** Destroys the pool's threads at once (running tasks reject); the next `run` gets a fresh pool. */
  destroyPool(): Promise<void>
  threads: number
  progressHz: number
  /** Called once the job has ended, before `done` resolves, so the engine is free for the next job. */
  finished(job: Job): void
}

/** Chunk size from measurement (see README, "Benchmark"). */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024
/** In tasks; the slots already bound the tasks in flight, so this bound is reached only if counting lags. */
const COMPLETION_QUEUE_SIZE = 16

/** Dirty + Writeback of /proc/meminfo in bytes (Linux), or undefined. Read at the progress tick, ~20 µs. */
function systemDirtyBytes(): number | undefined {
  if (process.platform !== 'linux') return undefined
  try {
    const text = readFileSync('/proc/meminfo', 'latin1')
    const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0)
    return (kib('Dirty') + kib('Writeback')) * 1024
  } catch {
    return undefined
  }
}

/** Read once: `process.umask()` is a process-wide value that only a setter could race with. */
const PROCESS_UMASK = process.umask()

/** A finished task's outcomes, one per item in order. */
type Completion = { record: TaskRecord; outcomes: ItemOutcome[] }

/** A running job. The engine's `start` creates it and calls {@link Job.run}. */
export class Job implements CopyJob {
  readonly id = randomBytes(6).toString('hex')
  readonly done: Promise<JobSummary>
  readonly tally: Tally
  readonly batcher = new Batcher()
  readonly hardLinks: HardLinks
  private readonly commits: CommitGroups
  private resolveDone!: (summary: JobSummary) => void
  private state: JobState = 'running'
  private walkDone = false
  private stopping = false
  private finishing = false
  private terminated = false
  /** Set by {@link failAll}: every file not dispatched yet fails with this reason (the walk goes on, listing them). */
  private poolFailure: FerryErrorData | undefined
  private readonly startedAt = performance.now()
  private readonly slots: SlotTable
  private readonly intake: Intake
  private readonly completions = new BoundedQueue<Completion>(COMPLETION_QUEUE_SIZE)
  private readonly walkAbort = new AbortController()
  private readonly chunkSize: number
  private readonly policy: WorkerConflictPolicy
  private readonly warnings: FerryErrorData[] = []
  private readonly speed = new SpeedMeter()
  private bytesPerSecond = 0
  private readonly asker: ConflictAsker
  /** Move instead of copy: sources go once their copies are durable; a move is always durable (implies sync). */
  private readonly move: boolean
  /** DISK_FULL failures held for one more try once nothing is in flight. */
  private readonly diskFull = new DiskFullRetry()

  constructor(
    readonly options: JobOptions,
    plan: Plan & { walkRoots: WalkRoot[] } & IntakeScope,
    private readonly runtime: JobRuntime,
    private readonly hooks: JobHooks,
    private readonly runtimeInfo?: JobRuntimeInfo,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
    this.policy = options.onConflict ?? 'skip'
    this.asker = new ConflictAsker(this.id, hooks, (event) => this.emit(event))
    this.tally = new Tally(hooks.results ?? 'all')
    this.slots = new SlotTable(Math.max(1, options.threads ?? runtime.threads) * 2)
    this.move = options.move === true
    if (options.bandwidthLimit) this.slots.setBandwidthLimit(options.bandwidthLimit)
    this.hardLinks = new HardLinks({
      jobToken: this.id,
      move: this.move,
      requeue: (items) => this.batcher.put(items),
      settle: (item, outcome) => this.settle(item, outcome),
      policy: (item) => this.policyFor(item),
    })
    this.commits = new CommitGroups({
      run: (task) => this.runtime.run(task),
      settle: (item, outcome, counted) => this.settle(item, outcome, counted),
      terminated: () => this.terminated,
      move: this.move,
    })
    this.intake = new Intake(
      options,
      plan.walkRoots,
      plan.freeBytes,
      {
        tally: this.tally,
        batcher: this.batcher,
        hardLinks: this.hardLinks,
        warn: (warning) => this.warn(warning),
        stopping: () => this.stopping,
        journal: hooks.journal,
      },
      { filter: plan.filter, limits: plan.limits },
    )
    for (const warning of plan.warnings) this.warnings.push(warning)
  }

  /** Runs the job to its end; `done` resolves with the summary. */
  async run(): Promise<void> {
    this.emit({
      type: 'started',
      jobId: this.id,
      options: this.options,
      ...(this.runtimeInfo && { runtime: this.runtimeInfo }),
    })
    for (const warning of this.warnings) this.emit({ type: 'warning', jobId: this.id, warning })
    const timer = setInterval(() => this.tick(), Math.max(10, 1000 / this.runtime.progressHz))
    try {
      await Promise.all([this.walkAll(), this.dispatchAll(), this.reportAll()])
    } finally {
      clearInterval(timer)
    }
    await applyDirectoryMeta(this.intake.directories)
    // Move: the source folders emptied by it go, deepest first; one still holding anything stays (rmdir only).
    if (this.move) await removeEmptyFolders(this.intake.sourceFolders)
    this.state = this.terminated ? 'terminated' : this.stopping ? 'cancelled' : 'done'
    this.tick()
    const summary = this.summary()
    await this.closeJournal(summary)
    this.runtime.finished(this)
    this.emit({ type: 'finished', summary })
    this.resolveDone(summary)
  }

  progress(): ProgressSnapshot {
    const uncounted = this.slots.uncounted()
    const t = this.tally
    const bytesDone = t.accounted + uncounted.accounted
    return {
      jobId: this.id,
      state: this.state,
      scanning: !this.walkDone,
      bytesDone,
      bytesTotal: Math.max(t.bytes, bytesDone),
      filesDone: t.done,
      filesFailed: t.failed,
      filesSkipped: t.skipped,
      filesTotal: t.files,
      bytesPerSecond: this.bytesPerSecond,
      etaSeconds:
        this.state === 'running' && !(this.walkDone && this.slots.inUse === 0 && this.commits.busy)
          ? estimateSeconds(t.bytes - bytesDone, this.bytesPerSecond, !this.walkDone)
          : null,
      elapsedMs: performance.now() - this.startedAt,
      inFlight: this.slots.inFlight(),
      ...this.flushState(),
    }
  }

  /** The phase, and what is still to be made durable ("Writing to disk…" once the copy work is over). */
  private flushState(): Pick<ProgressSnapshot, 'phase' | 'bytesToFlush' | 'systemDirtyBytes'> {
    const syncing = this.walkDone && this.slots.inUse === 0 && this.commits.busy
    if (!syncing) return { phase: 'copying', bytesToFlush: this.commits.bytesToFlush }
    const dirty = systemDirtyBytes()
    return {
      phase: 'syncing',
      bytesToFlush: this.commits.bytesToFlush,
      ...(dirty !== undefined && { systemDirtyBytes: dirty }),
    }
  }

  pause(): void {
    if (this.state !== 'running') return
    this.state = 'paused'
    this.slots.setControl(PAUSE)
    this.commits.pause()
  }

  resume(): void {
    if (this.state !== 'paused') return
    this.state = 'running'
    this.slots.setControl(RUN)
    this.commits.resume()
  }

  skipFile(id: number): boolean {
    if (this.isFinal() || this.stopping) return false
    return this.slots.skip(id)
  }

  setBandwidthLimit(bytesPerSecond: number): void {
    if (!Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) {
      throw new RangeError(
        `A bandwidth limit is a number of bytes per second, 0 or more (got ${bytesPerSecond}).`,
      )
    }
    this.slots.setBandwidthLimit(bytesPerSecond)
  }

  cancel(): Promise<JobSummary> {
    if (this.stopping || this.isFinal()) return this.done
    this.stop('cancelling', CANCEL)
    return this.done
  }

  terminate(): Promise<JobSummary> {
    if (this.terminated || this.isFinal()) return this.done
    this.terminated = true
    this.stop('terminating', TERMINATE)
    void this.abandonAll()
    return this.done
  }

  /**
   * The pool cannot run work (a thread failed to start: too few file descriptors, no memory). Every file not copied
   * yet fails with that reason and the job ends, with exit status "failed" rather than a crash of the process.
   */
  failAll(error: unknown): void {
    if (this.isFinal() || this.poolFailure) return
    const detail = error instanceof Error ? error.message : String(error)
    this.poolFailure = {
      code: 'INTERNAL',
      message: `The copy threads could not run (${detail}). Free resources (close programs with many open files, or raise the limit with ulimit -n), then retry.`,
    }
    this.warn(this.poolFailure)
  }

  private isFinal(): boolean {
    return this.state === 'done' || this.state === 'cancelled' || this.state === 'terminated'
  }

  private stop(state: JobState, control: number): void {
    this.stopping = true
    this.state = state
    this.slots.setControl(control)
    this.walkAbort.abort()
    this.asker.stop()
    this.tally.neverStarted(this.batcher.drain().length + this.hardLinks.drain().length)
    for (const { item, outcome } of this.diskFull.drain()) this.settle(item, outcome)
    void this.commits.discardPending()
    this.maybeFinish()
  }

  private async walkAll(): Promise<void> {
    try {
      await this.intake.run(this.walkAbort.signal)
    } finally {
      this.walkDone = true
      this.maybeFinish()
    }
  }

  /** Takes tasks off the batcher and runs them on the pool, one per free slot (waiting for one: backpressure). */
  private async dispatchAll(): Promise<void> {
    for (;;) {
      const batch = await this.batcher.next()
      if (!batch) return // closed and drained: the job is over
      // The disk sets the pace: no new task while too much waits to be made durable (commit-groups.ts).
      await this.commits.room()
      const slot = await this.slots.acquire()
      const record = this.slots.bind(slot, batch)
      if (this.stopping || this.poolFailure) {
        const error = this.poolFailure
        for (const item of batch) {
          const { id, dst } = item
          this.count(
            record,
            item,
            error && !this.stopping
              ? { id, status: 'failed', dst, bytes: 0, error }
              : { id, status: 'not-started' },
          )
        }
        this.slots.release(slot)
        this.maybeFinish()
        continue
      }
      const task: CopyTask = {
        jobToken: this.id,
        items: batch,
        policy: this.asker.standing ?? this.policy,
        chunkSize: this.chunkSize,
        verify: this.options.verify ?? false,
        control: this.slots.control,
        slots: this.slots.slots,
        statuses: this.slots.statuses,
        slot,
        umask: PROCESS_UMASK,
        deferCommit: this.options.sync !== false || this.move,
        move: this.move,
      }
      this.runtime.run(task).then(
        async (outcomes) => {
          if (!record.abandoned) await this.completions.put({ record, outcomes })
        },
        (error: unknown) => {
          if (!record.abandoned) void this.abandon(record, error)
        },
      )
    }
  }

  /** Counts completions as they arrive and frees each task's slot after its last one. */
  private async reportAll(): Promise<void> {
    for await (const { record, outcomes } of this.completions) {
      if (record.abandoned) continue
      for (const [i, outcome] of outcomes.entries()) this.count(record, record.items[i]!, outcome)
      this.slots.release(record.slot)
      this.maybeFinish()
    }
  }

  /** Counts one item's outcome of a task; a conflict goes to the user, a written file to its commit group. */
  private count(record: TaskRecord, item: CopyItem, outcome: ItemOutcome): void {
    this.slots.counted(record, item, outcome)
    if (outcome.status === 'conflict') this.askAbout(item, outcome)
    else if (!this.stopping && this.diskFull.hold(item, outcome)) return
    else if (outcome.status === 'written') {
      this.tally.settle(item, outcome)
      this.commits.add(item, outcome.entry, outcome.bytes)
    } else this.settle(item, outcome)
  }

  /**
   * Settles an item in the tally (`counted`: bytes the tally already has from its `written` outcome); a hard-link
   * leader's outcome releases its followers.
   */
  private settle(item: CopyItem, outcome: ItemOutcome, counted = 0): void {
    if (outcome.status === 'done' && outcome.sourceKept) this.warn(outcome.sourceKept)
    // Done means durable (commit groups) when the job syncs: only then may the journal say so.
    if (outcome.status === 'done' && !outcome.moved) this.hooks.journal?.record(item, outcome.dst ?? item.dst)
    this.tally.settle(item, outcome, counted)
    this.hardLinks.settled(item, outcome)
    this.maybeFinish()
  }

  private policyFor(item: CopyItem): WorkerConflictPolicy {
    return item.policy ?? this.asker.standing ?? this.policy
  }

  /** Asks the user about one conflict at a time; the answer sends the item back to the work queue, or settles it. */
  private askAbout(item: CopyItem, conflict: Extract<ItemOutcome, { status: 'conflict' }>): void {
    this.asker.ask(item, conflict, async (answer) => {
      if (!answer || this.stopping) return this.settle(item, { id: item.id, status: 'not-started' })
      if (answer.choice === 'skip') {
        this.tally.userSkipped(item)
        return this.maybeFinish()
      }
      try {
        await this.batcher.put([{ ...item, policy: answer.choice }])
      } catch {
        this.settle(item, { id: item.id, status: 'not-started' })
      }
    })
  }

  /** Terminate: destroy the threads, then settle every in-flight task from what its worker recorded. */
  private async abandonAll(): Promise<void> {
    const records = this.slots.records()
    for (const record of records) record.abandoned = true
    await this.runtime.destroyPool().catch(() => undefined)
    const count = this.count.bind(this)
    await Promise.all(records.map((record) => settleAbandoned(record, this.slots, this.id, undefined, count)))
    this.maybeFinish()
  }

  /** A task whose worker died without terminate (a crash): its unsettled items fail, partial files go. */
  private async abandon(record: TaskRecord, error: unknown): Promise<void> {
    record.abandoned = true
    await settleAbandoned(record, this.slots, this.id, error, this.count.bind(this))
    this.maybeFinish()
  }

  /**
   * The single end condition: the walk is over, no item is open (files in commit groups are open until durable), no
   * task is in flight. When the copy work is over, the last commit group is sealed at once.
   */
  private maybeFinish(): void {
    if (this.finishing || !this.walkDone || this.slots.inUse > 0) return
    if (this.diskFull.size > 0 && !this.stopping) return this.retryDiskFull()
    this.commits.seal()
    if (this.tally.open > 0) return
    this.finishing = true
    this.batcher.close()
    this.completions.close()
  }

  /** Nothing is in flight: the files that met a full disk get their second try, as many as fit now. */
  private retryDiskFull(): void {
    const { retry, fail } = this.diskFull.take()
    for (const { item, outcome } of fail) this.settle(item, outcome)
    if (retry.length === 0) return
    this.batcher.put(retry).catch(() => {
      for (const item of retry) this.settle(item, { id: item.id, status: 'not-started' })
    })
  }

  private tick(): void {
    // The rate first: the snapshot's estimate must come from the rate it shows, not the previous tick's.
    const copiedNow = this.tally.copied + this.slots.uncounted().copied
    this.bytesPerSecond = this.speed.sample(performance.now(), copiedNow)
    const progress = this.progress()
    const results = this.tally.takeResults()
    if (results.length > 0) this.emit({ type: 'files', jobId: this.id, results })
    void this.hooks.journal?.flush(this.durable)
    this.emit({ type: 'progress', progress })
  }

  /** The job syncs: a file is done only once durable (move implies it). */
  private get durable(): boolean {
    return this.options.sync !== false || this.move
  }

  /** Removes the journal when every file is done (or was already), keeps it otherwise; a write problem is said. */
  private async closeJournal(summary: JobSummary): Promise<void> {
    const journal = this.hooks.journal
    if (!journal) return
    const complete =
      summary.state === 'done' &&
      summary.filesFailed === 0 &&
      summary.filesCancelled === 0 &&
      summary.filesNotStarted === 0
    try {
      await journal.close(complete, this.durable)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      summary.warnings.push({
        code: 'IO_ERROR',
        message: `The resume journal ${journal.path} could not be closed (${detail}).`,
        path: journal.path,
      })
    }
    if (journal.failure) {
      summary.warnings.push({
        code: 'IO_ERROR',
        message: `The resume journal ${journal.path} could not be written (${journal.failure}): a rerun may copy finished files again.`,
        path: journal.path,
      })
    }
  }

  private warn(warning: FerryErrorData): void {
    this.warnings.push(warning)
    this.emit({ type: 'warning', jobId: this.id, warning })
  }

  private emit(event: JobEvent): void {
    try {
      this.hooks.onEvent?.(event)
    } catch {
      // A listener's failure must not break the copy.
    }
  }

  private summary(): JobSummary {
    const c = this.tally
    return {
      jobId: this.id,
      state: this.state as FinalJobState,
      bytesDone: c.accounted,
      bytesCopied: c.copied,
      bytesTotal: c.bytes,
      filesDone: c.done,
      filesFailed: c.failed,
      filesSkipped: c.skipped,
      ...(this.move && { filesMoved: c.moved }),
      filesCancelled: c.cancelled,
      filesNotStarted: c.notStarted,
      filesExcluded: c.excludedEntries,
      filesTotal: c.files,
      scanComplete: this.intake.scanComplete,
      durationMs: performance.now() - this.startedAt,
      failures: c.failures,
      warnings: this.warnings,
      durable: (this.options.sync !== false || this.move) && c.done > 0,
      removable: this.runtimeInfo?.device.removable ?? false,
      ...(this.runtimeInfo?.verifyReadBack &&
        c.done > 0 && { verifiedFrom: this.runtimeInfo.verifyReadBack }),
    }
  }
}
