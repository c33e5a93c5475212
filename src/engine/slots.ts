/**
 * Tasks in flight and the shared memory they report through. The number of slots bounds the tasks in flight;
 * a dispatcher waits for a free slot (backpressure), and the slot is freed only once every completion of its task
 * has been counted, so the sampled progress never dips.
 */
import type { InFlightFile } from '../shared/job'
import { loadCore } from './native/load'
import {
  accountedBytes,
  copiedBytes,
  type ItemOutcome,
  CONTROL_BYTES,
  CONTROL_STATE,
  type CopyItem,
  MAX_BATCH_ITEMS,
  SLOT_DONE_ACCOUNTED,
  SLOT_DONE_COPIED,
  SLOT_FILE,
  SLOT_FILE_BYTES,
  SLOT_SKIP,
  SLOT_WORDS,
  THROTTLE_OFFSET,
  THROTTLE_WORDS,
} from './protocol'
import { setRate } from './worker/throttle'

/** A task in flight: its items and what of it the main thread has already counted. */
export interface TaskRecord {
  slot: number
  items: CopyItem[]
  drainedAccounted: number
  drainedCopied: number
  /** Items whose completion has been counted. */
  drained: Set<number>
  /** Set by terminate or a worker crash: the main thread settles the task itself and ignores late completions. */
  abandoned: boolean
}

/** Slot table plus the job's control word. */
export class SlotTable {
  readonly control = new SharedArrayBuffer(CONTROL_BYTES)
  readonly slots: SharedArrayBuffer
  readonly statuses: SharedArrayBuffer
  private readonly words: BigInt64Array
  private readonly statusBytes: Uint8Array
  private readonly controlWords = new Int32Array(this.control, 0, 1)
  private readonly limitWords = new BigInt64Array(this.control, THROTTLE_OFFSET, THROTTLE_WORDS)
  private readonly tasks: Array<TaskRecord | undefined>
  private readonly free: number[] = []
  private readonly waiters: Array<(slot: number) => void> = []

  constructor(readonly size: number) {
    this.slots = new SharedArrayBuffer(size * SLOT_WORDS * 8)
    this.words = new BigInt64Array(this.slots)
    this.statuses = new SharedArrayBuffer(size * MAX_BATCH_ITEMS)
    this.statusBytes = new Uint8Array(this.statuses)
    this.tasks = new Array<TaskRecord | undefined>(size)
    for (let i = size - 1; i >= 0; i--) this.free.push(i)
  }

  /** Sets the control word and wakes any worker waiting on it (paused workers). */
  setControl(state: number): void {
    Atomics.store(this.controlWords, CONTROL_STATE, state)
    this.wake()
  }

  /** Wakes every worker waiting on the control word (paused, or waiting out the bandwidth limit) to look again. */
  private wake(): void {
    Atomics.notify(this.controlWords, CONTROL_STATE)
    // Atomics.notify does not wake the native core's futex waiters (native/README.md): wake them too.
    const core = loadCore()
    if (core.core === 'native') core.binding.notifyControl(this.controlWords)
  }

  /** The job's bandwidth limit in bytes per second (0: none), for every worker at once; takes effect at once. */
  setBandwidthLimit(bytesPerSecond: number): void {
    setRate(this.limitWords, bytesPerSecond)
    this.wake()
  }

  /**
   * Asks the worker copying file `id` to stop it (temporary file removed, reported skipped) and go on with the rest
   * of its task. False when no task in flight is copying it now (not started yet, or already finished).
   */
  skip(id: number): boolean {
    for (const task of this.tasks) {
      if (!task || this.currentFile(task.slot) !== id) continue
      Atomics.store(this.words, task.slot * SLOT_WORDS + SLOT_SKIP, BigInt(id + 1))
      this.wake()
      return true
    }
    return false
  }

  /** Resolves with a free slot, in request order, waiting while all are in use. */
  acquire(): Promise<number> {
    const slot = this.free.pop()
    if (slot !== undefined) return Promise.resolve(slot)
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  /** Records the task about to run in `slot`. */
  bind(slot: number, items: CopyItem[]): TaskRecord {
    const record: TaskRecord = {
      slot,
      items,
      drainedAccounted: 0,
      drainedCopied: 0,
      drained: new Set(),
      abandoned: false,
    }
    this.tasks[slot] = record
    return record
  }

  /**
   * Marks `item` of the task in `record` as counted by the main thread, so its bytes leave the uncounted figure
   * ({@link uncounted}) at the moment they enter the tally: the sampled progress never dips or counts twice.
   */
  counted(record: TaskRecord, item: CopyItem, outcome: ItemOutcome): void {
    record.drained.add(item.id)
    record.drainedAccounted += accountedBytes(outcome, item.size)
    record.drainedCopied += copiedBytes(outcome)
  }

  /** Frees `slot` once its task's completions are all counted. */
  release(slot: number): void {
    this.words.fill(0n, slot * SLOT_WORDS, (slot + 1) * SLOT_WORDS)
    this.statusBytes.fill(0, slot * MAX_BATCH_ITEMS, (slot + 1) * MAX_BATCH_ITEMS)
    this.tasks[slot] = undefined
    const waiter = this.waiters.shift()
    if (waiter) waiter(slot)
    else this.free.push(slot)
  }

  /** Tasks in flight: the job cannot end while any is. */
  get inUse(): number {
    return this.tasks.reduce((n, t) => n + (t ? 1 : 0), 0)
  }

  /** Tasks currently in flight. */
  records(): TaskRecord[] {
    return this.tasks.filter((t): t is TaskRecord => t !== undefined)
  }

  /** Bytes of in-flight tasks not yet counted by the main thread: accounted and actually copied. */
  uncounted(): { accounted: number; copied: number } {
    let accounted = 0
    let copied = 0
    for (const task of this.tasks) {
      if (!task) continue
      const base = task.slot * SLOT_WORDS
      const current = Number(Atomics.load(this.words, base + SLOT_FILE_BYTES))
      accounted += Math.max(
        0,
        Number(Atomics.load(this.words, base + SLOT_DONE_ACCOUNTED)) + current - task.drainedAccounted,
      )
      copied += Math.max(
        0,
        Number(Atomics.load(this.words, base + SLOT_DONE_COPIED)) + current - task.drainedCopied,
      )
    }
    return { accounted, copied }
  }

  /** The file each in-flight task is copying now. */
  inFlight(): InFlightFile[] {
    const files: InFlightFile[] = []
    for (const task of this.tasks) {
      if (!task) continue
      const base = task.slot * SLOT_WORDS
      const id = Number(Atomics.load(this.words, base + SLOT_FILE)) - 1
      if (id < 0) continue
      const item = task.items.find((i) => i.id === id)
      if (!item || item.kind !== 'file') continue
      const bytesDone = Math.min(item.size, Number(Atomics.load(this.words, base + SLOT_FILE_BYTES)))
      files.push({ id, name: item.name, src: item.src, dst: item.dst, size: item.size, bytesDone })
    }
    return files
  }

  /** Whether the user asked to skip file `id` of the task in `slot` (a skipped status byte then means that). */
  skipAsked(slot: number, id: number): boolean {
    return Atomics.load(this.words, slot * SLOT_WORDS + SLOT_SKIP) === BigInt(id + 1)
  }

  /** The id of the file a task's worker was copying, or -1. */
  currentFile(slot: number): number {
    return Number(Atomics.load(this.words, slot * SLOT_WORDS + SLOT_FILE)) - 1
  }

  /** What the worker recorded for the item at `index` of the task in `slot` (an `ITEM_*` value). */
  itemStatus(slot: number, index: number): number {
    return Atomics.load(this.statusBytes, slot * MAX_BATCH_ITEMS + index)
  }
}
