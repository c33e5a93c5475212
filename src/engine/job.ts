/**
 * One copy job: the walk feeds a bounded work queue, the dispatcher batches items into pool tasks (bounded by the
 * slot table), task completions flow through a bounded completion queue to the reporter, which counts them and
 * emits coalesced events. See DESIGN.md.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { dirname } from 'node:path'
import type {
  FerryErrorData,
  FinalJobState,
  JobEvent,
  JobOptions,
  JobState,
  JobSummary,
  ProgressSnapshot,
} from '../shared/job'
import type { CopyJob, JobHooks } from './api'
import { BoundedQueue } from './lib/bounded-queue'
import { ConflictAsker } from './conflict-asker'
import { type DirectoryMeta, applyDirectoryMeta, makeDirectory } from './directories'
import type { Plan } from './preflight'
import { spaceWarning } from './preflight'
import {
  accountedBytes,
  CANCEL,
  type CopyItem,
  type CopyTask,
  copiedBytes,
  ITEM_CANCELLED,
  ITEM_DONE,
  ITEM_FAILED,
  ITEM_SKIPPED,
  type ItemOutcome,
  MAX_BATCH_ITEMS,
  PAUSE,
  partialName,
  RUN,
  TERMINATE,
  type WorkerConflictPolicy,
} from './protocol'
import { SlotTable, type TaskRecord } from './slots'
import { Tally } from './tally'
import { estimateSeconds, SpeedMeter } from './speed'
import { walk, type WalkEntry } from './walker'

/** What a job needs from its engine. */
export interface JobRuntime {
  /** Runs a task on the pool (created on demand). */
  run(task: CopyTask): Promise<ItemOutcome[]>
  /** Destroys the pool's threads at once (running tasks reject); the next `run` gets a fresh pool. */
  destroyPool(): Promise<void>
  threads: number
  progressHz: number
  /** Called once the job has ended, before `done` resolves, so the engine is free for the next job. */
  finished(job: Job): void
}

/** Sizes from measurement (see README, "Benchmark"); small files share a task to amortise its cost. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024
const BATCH_BYTES = 8 * 1024 * 1024
/** Files at least this large get a task of their own, so both threads stay busy on a few big files. */
const LARGE_FILE = 2 * 1024 * 1024
/** In walk batches of up to 64 items. */
const WORK_QUEUE_SIZE = 64
/** In tasks; the slots already bound the tasks in flight, so this bound is reached only if counting lags. */
const COMPLETION_QUEUE_SIZE = 16

/** Read once: `process.umask()` is a process-wide value that only a setter could race with. */
const PROCESS_UMASK = process.umask()

/** A finished task's outcomes, one per item in order. */
type Completion = { record: TaskRecord; outcomes: ItemOutcome[] }

/** A running job. Create with {@link startJob}. */
export class Job implements CopyJob {
  readonly id = randomBytes(6).toString('hex')
  readonly done: Promise<JobSummary>
  private resolveDone!: (summary: JobSummary) => void
  private state: JobState = 'running'
  private walkDone = false
  private scanComplete = false
  private stopping = false
  private finishing = false
  private readonly startedAt = performance.now()
  private readonly slots: SlotTable
  /** Batches of items from the walk (one per directory read), or sent back after a conflict. */
  private readonly work = new BoundedQueue<CopyItem[]>(WORK_QUEUE_SIZE)
  /** Items taken off the work queue, not yet in a task. */
  private ready: CopyItem[] = []
  private readonly completions = new BoundedQueue<Completion>(COMPLETION_QUEUE_SIZE)
  private readonly walkAbort = new AbortController()
  private readonly chunkSize: number
  private readonly policy: WorkerConflictPolicy
  private nextId = 0
  private outstanding = 0
  private readonly tally: Tally
  private readonly warnings: FerryErrorData[] = []
  private readonly directories: DirectoryMeta[] = []
  private readonly failedDirectories = new Set<string>()
  /** Folders this job created (empty when created): their files need no conflict check. */
  private readonly freshDirectories = new Set<string>()
  private readonly speed = new SpeedMeter()
  private bytesPerSecond = 0
  private spaceWarned = false
  private readonly asker: ConflictAsker
  private terminated = false

  constructor(
    readonly options: JobOptions,
    private readonly plan: Plan,
    private readonly runtime: JobRuntime,
    private readonly hooks: JobHooks,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
    this.policy = options.onConflict ?? 'skip'
    this.asker = new ConflictAsker(this.id, hooks, (event) => this.emit(event))
    this.tally = new Tally(hooks.results ?? 'all')
    this.slots = new SlotTable(Math.max(1, options.threads ?? runtime.threads) * 2)
  }

  /** Runs the job to its end; `done` resolves with the summary. */
  async run(): Promise<void> {
    this.emit({ type: 'started', jobId: this.id, options: this.options })
    for (const warning of this.plan.warnings) this.warn(warning)
    const timer = setInterval(() => this.tick(), Math.max(10, 1000 / this.runtime.progressHz))
    try {
      await Promise.all([this.walkAll(), this.dispatchAll(), this.reportAll()])
    } finally {
      clearInterval(timer)
    }
    await applyDirectoryMeta(this.directories)
    this.state = this.terminated ? 'terminated' : this.stopping ? 'cancelled' : 'done'
    this.tick()
    const summary = this.summary()
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
        this.state === 'running'
          ? estimateSeconds(t.bytes - bytesDone, this.bytesPerSecond, !this.walkDone)
          : null,
      elapsedMs: performance.now() - this.startedAt,
      inFlight: this.slots.inFlight(),
    }
  }

  pause(): void {
    if (this.state !== 'running') return
    this.state = 'paused'
    this.slots.setControl(PAUSE)
  }

  resume(): void {
    if (this.state !== 'paused') return
    this.state = 'running'
    this.slots.setControl(RUN)
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

  private isFinal(): boolean {
    return this.state === 'done' || this.state === 'cancelled' || this.state === 'terminated'
  }

  private stop(state: JobState, control: number): void {
    this.stopping = true
    this.state = state
    this.slots.setControl(control)
    this.walkAbort.abort()
    this.asker.stop()
    this.drainNotStarted()
    this.maybeFinish()
  }

  /** Walks the sources: creates folders, queues files (waiting while the work queue is full). */
  private async walkAll(): Promise<void> {
    const signal = this.walkAbort.signal
    await Promise.all(
      this.plan.roots.map((r) =>
        fs.promises.mkdir(dirname(r.target), { recursive: true }).catch(() => undefined),
      ),
    )
    try {
      for await (const batch of walk(this.plan.roots, signal)) {
        if (this.stopping) break
        const items: CopyItem[] = []
        for (const entry of batch) {
          const item = await this.accept(entry)
          if (item) items.push(item)
        }
        if (items.length === 0) continue
        this.checkSpace()
        try {
          await this.work.put(items, { signal })
        } catch {
          this.outstanding -= items.length
          this.tally.notStarted += items.length
          break
        }
      }
      this.scanComplete = !this.stopping
    } finally {
      this.walkDone = true
      this.maybeFinish()
    }
  }

  /** Handles one walk entry: creates folders, records early failures, turns files into items to copy. */
  private async accept(entry: WalkEntry): Promise<CopyItem | undefined> {
    const parent = dirname(entry.dst)
    if (this.failedDirectories.has(parent)) {
      if (entry.kind === 'directory') this.failedDirectories.add(entry.dst)
      else
        this.failEarly(
          entry,
          `${entry.src} was not copied because its destination folder could not be created.`,
        )
      return undefined
    }
    switch (entry.kind) {
      case 'directory': {
        const made = await makeDirectory(entry, this.directories)
        if (made === 'created') this.freshDirectories.add(entry.dst)
        else if (made !== 'merged') {
          this.failedDirectories.add(entry.dst)
          this.failEarly(entry, made.message, made)
        }
        return undefined
      }
      case 'error':
        this.failEarly(entry, entry.error.message, entry.error)
        return undefined
      case 'file':
      case 'symlink':
        this.tally.discovered(entry.size)
        this.outstanding++
        return {
          id: this.nextId++,
          kind: entry.kind,
          src: entry.src,
          dst: entry.dst,
          name: entry.name,
          size: entry.size,
          fresh: this.freshDirectories.has(parent),
          meta: entry.kind === 'file' ? entry.meta : undefined,
        }
    }
  }

  private failEarly(entry: WalkEntry, message: string, error?: FerryErrorData): void {
    const kind = entry.kind === 'symlink' || entry.kind === 'file' ? entry.kind : 'directory'
    const { name, src, dst } = entry
    this.tally.failedEarly({ name, src, dst, kind }, error ?? { code: 'NOT_FOUND', message, path: src })
  }

  private checkSpace(): void {
    const free = this.plan.freeBytes
    if (this.spaceWarned || free === undefined || this.tally.bytes <= free) return
    this.spaceWarned = true
    this.warn(spaceWarning(this.options.destination, this.tally.bytes, free))
  }

  /** Takes items off the work queue in batches and runs them on the pool, one task per free slot. */
  private async dispatchAll(): Promise<void> {
    for (;;) {
      if (this.ready.length === 0) {
        try {
          this.ready = await this.work.get()
        } catch {
          return // closed and drained: the job is over
        }
      }
      const batch = this.takeBatch()
      const slot = await this.slots.acquire()
      const record = this.slots.bind(slot, batch)
      if (this.stopping) {
        for (const item of batch) this.count(record, item, { id: item.id, status: 'not-started' })
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

  /**
   * The next task from the ready items (topped up from the work queue without waiting): a large file alone, or
   * small files together up to {@link MAX_BATCH_ITEMS} items or {@link BATCH_BYTES}.
   */
  private takeBatch(): CopyItem[] {
    const first = this.ready[0]!
    if (first.size >= LARGE_FILE) return this.ready.splice(0, 1)
    let count = 0
    let bytes = 0
    for (;;) {
      if (count === this.ready.length) {
        if (this.work.empty()) break
        this.ready.push(...this.work.getNowait())
      }
      const item = this.ready[count]!
      if (item.size >= LARGE_FILE || count >= MAX_BATCH_ITEMS || bytes >= BATCH_BYTES) break
      bytes += item.size
      count++
    }
    return this.ready.splice(0, count)
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

  /** Counts one item's outcome and records its result; a conflict goes to the user instead. */
  private count(record: TaskRecord, item: CopyItem, outcome: ItemOutcome): void {
    record.drained.add(item.id)
    record.drainedAccounted += accountedBytes(outcome, item.size)
    record.drainedCopied += copiedBytes(outcome)
    if (this.tally.settle(item, outcome)) this.outstanding--
    else if (outcome.status === 'conflict') this.askAbout(item, outcome)
  }

  /** Asks the user about one conflict at a time; the answer sends the item back to the work queue. */
  /** The user's answer sends the item back to the work queue, or settles it. */
  private askAbout(item: CopyItem, conflict: Extract<ItemOutcome, { status: 'conflict' }>): void {
    this.asker.ask(item, conflict, async (answer) => {
      if (!answer || this.stopping) return this.settleUnasked(item, 'not-started')
      if (answer.choice === 'skip') return this.settleUnasked(item, 'skipped')
      try {
        await this.work.put([{ ...item, policy: answer.choice }])
      } catch {
        this.settleUnasked(item, 'not-started')
      }
    })
  }

  /** Settles a conflicting item without running it again: skipped by the user's answer, or never started. */
  private settleUnasked(item: CopyItem, status: 'skipped' | 'not-started'): void {
    if (status === 'skipped') this.tally.userSkipped(item)
    else this.tally.notStarted++
    this.outstanding--
    this.maybeFinish()
  }

  /** After cancel/terminate: whatever is still queued will not start. */
  private drainNotStarted(): void {
    const left = this.ready.length + [...this.drainWork()].length
    this.ready = []
    this.tally.notStarted += left
    this.outstanding -= left
  }

  private *drainWork(): Generator<CopyItem> {
    while (!this.work.empty()) yield* this.work.getNowait()
  }

  /** Terminate: destroy the threads, then settle every in-flight task from what its worker recorded. */
  private async abandonAll(): Promise<void> {
    const records = this.slots.records()
    for (const record of records) record.abandoned = true
    await this.runtime.destroyPool().catch(() => undefined)
    await Promise.all(records.map((record) => this.settleAbandoned(record, undefined)))
    this.maybeFinish()
  }

  /** A task whose worker died without terminate (a crash): its unsettled items fail, partial files go. */
  private async abandon(record: TaskRecord, error: unknown): Promise<void> {
    record.abandoned = true
    await this.settleAbandoned(record, error)
    this.maybeFinish()
  }

  private async settleAbandoned(record: TaskRecord, crash: unknown): Promise<void> {
    const current = this.slots.currentFile(record.slot)
    const removals: Array<Promise<unknown>> = []
    for (const [index, item] of record.items.entries()) {
      if (record.drained.has(item.id)) continue
      const status = this.slots.itemStatus(record.slot, index)
      if (status !== ITEM_DONE && status !== ITEM_SKIPPED) {
        const partial = partialName(dirname(item.dst), this.id, item.id)
        removals.push(fs.promises.rm(partial, { force: true }).catch(() => undefined))
      }
      this.count(record, item, abandonedOutcome(item, status, item.id === current, crash))
    }
    await Promise.all(removals)
    this.slots.release(record.slot)
  }

  private maybeFinish(): void {
    if (this.finishing || !this.walkDone || this.outstanding > 0 || this.slots.inUse > 0) return
    this.finishing = true
    this.work.close()
    this.completions.close()
  }

  private tick(): void {
    const progress = this.progress()
    const copiedNow = this.tally.copied + this.slots.uncounted().copied
    this.bytesPerSecond = this.speed.sample(performance.now(), copiedNow)
    this.flushResults()
    this.emit({ type: 'progress', progress: { ...progress, bytesPerSecond: this.bytesPerSecond } })
  }

  private flushResults(): void {
    const results = this.tally.takeResults()
    if (results.length === 0) return
    this.emit({ type: 'files', jobId: this.id, results })
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
      filesCancelled: c.cancelled,
      filesNotStarted: c.notStarted,
      filesTotal: c.files,
      scanComplete: this.scanComplete,
      durationMs: performance.now() - this.startedAt,
      failures: c.failures,
      warnings: this.warnings,
    }
  }
}

/** The outcome of an item whose task result was lost (terminate, or a worker crash), from its status byte. */
function abandonedOutcome(item: CopyItem, status: number, isCurrent: boolean, crash: unknown): ItemOutcome {
  const { id, dst, src } = item
  if (status === ITEM_DONE) return { id, status: 'done', bytes: item.size }
  if (status === ITEM_SKIPPED) return { id, status: 'skipped', dst, reason: 'exists' }
  if (crash !== undefined && isCurrent) {
    const detail = crash instanceof Error ? crash.message : String(crash)
    const message = `Copying ${src} failed: the copy worker stopped (${detail}). The partial copy was removed; retry the file.`
    return { id, status: 'failed', dst, bytes: 0, error: { code: 'INTERNAL', message, path: src } }
  }
  if (status === ITEM_FAILED) {
    const message = `Copying ${src} failed; its reason was lost when the copy was stopped. Retry the file to see it.`
    return { id, status: 'failed', dst, bytes: 0, error: { code: 'IO_ERROR', message, path: src } }
  }
  if (isCurrent || status === ITEM_CANCELLED) return { id, status: 'cancelled', dst }
  return { id, status: 'not-started' }
}
