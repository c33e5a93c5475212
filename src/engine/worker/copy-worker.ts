/**
 * The piscina worker: copies a batch of items, reporting progress through shared memory (no message per chunk)
 * and obeying the job's control word between chunks (pause waits on it without spinning; cancel stops).
 */
import type { IHasher } from 'hash-wasm'
import type { ByteCopier, CopyContext } from './byte-copier'
import { commitGroup } from './commit'
import { copyFreshFiles, copyItem } from './copy-item'
import { jsCopier } from './js-copier'
import { onDestinationDevice, renameItem } from './move-source'
import { nativeCopier } from './native-copier'
import { loadCore } from '../native/load'
import {
  accountedBytes,
  CANCEL,
  CONTROL_STATE,
  type CommitOutcome,
  type CommitTask,
  type CopyItem,
  type CopyTask,
  copiedBytes,
  type ItemOutcome,
  ITEM_CANCELLED,
  ITEM_DONE,
  ITEM_FAILED,
  ITEM_PENDING,
  ITEM_SKIPPED,
  ITEM_WRITTEN,
  MAX_BATCH_ITEMS,
  PAUSE,
  RUN,
  SLOT_DONE_ACCOUNTED,
  SLOT_DONE_COPIED,
  SLOT_FILE,
  SLOT_FILE_BYTES,
  SKIP_FILE,
  SLOT_SKIP,
  SLOT_WORDS,
  THROTTLE_OFFSET,
  THROTTLE_WORDS,
} from '../protocol'
import { throttle } from './throttle'

/** The core that moves bytes, chosen once per thread (`FERRY_CORE=js|native`; same contract, see byte-copier.ts). */
const core = loadCore()
const copier: ByteCopier = core.core === 'native' ? nativeCopier(core.binding) : jsCopier
/** The clock of the bandwidth limit's shared words: the native core's when it is loaded (it books with it too). */
const clock: () => bigint =
  core.core === 'native' ? () => core.binding.monotonicNs() : () => process.hrtime.bigint()
let buffer = Buffer.allocUnsafeSlow(0)
let hashers: { source: IHasher; target: IHasher } | undefined

/**
 * Copies `task.items` in order and returns one outcome per item, or runs a commit group (commit.ts). Never rejects
 * for a per-file error.
 */
export default async function copyBatch(
  task: CopyTask | CommitTask,
): Promise<ItemOutcome[] | CommitOutcome[]> {
  if ('kind' in task) return commitGroup(task)
  if (buffer.length < task.chunkSize) buffer = Buffer.allocUnsafeSlow(task.chunkSize)
  if (task.verify && !hashers) {
    // Loaded on the first verifying task only: a copy without --verify never pays for the WebAssembly module.
    const { createXXHash3 } = await import('hash-wasm')
    hashers = { source: await createXXHash3(), target: await createXXHash3() }
  }
  const control = new Int32Array(task.control)
  const slots = new BigInt64Array(task.slots)
  const base = task.slot * SLOT_WORDS
  const statuses = new Uint8Array(task.statuses, task.slot * MAX_BATCH_ITEMS, MAX_BATCH_ITEMS)
  const limit = new BigInt64Array(task.control, THROTTLE_OFFSET, THROTTLE_WORDS)

  /** The user asked to skip the file this slot is copying (protocol.ts SLOT_SKIP). */
  const skipRequested = (): boolean => {
    const skip = Atomics.load(slots, base + SLOT_SKIP)
    return skip !== 0n && skip === Atomics.load(slots, base + SLOT_FILE)
  }
  /**
   * Waits while paused; returns RUN or CANCEL (terminate is reported as cancel: the pool is going away), or
   * SKIP_FILE when `file` and the user asked to skip the current file (even while paused: the main thread wakes us).
   */
  const readControl = (file = false): number => {
    let state = Atomics.load(control, CONTROL_STATE)
    while (state === PAUSE) {
      if (file && skipRequested()) return SKIP_FILE
      Atomics.wait(control, CONTROL_STATE, PAUSE)
      state = Atomics.load(control, CONTROL_STATE)
    }
    if (state !== RUN) return CANCEL
    return file && skipRequested() ? SKIP_FILE : RUN
  }
  const ctx: CopyContext = {
    jobToken: task.jobToken,
    buffer,
    chunkSize: task.chunkSize,
    umask: task.umask,
    shared: { control, progress: new BigInt64Array(task.slots, base * 8, SLOT_WORDS), throttle: limit },
    checkpoint(bytes, charge = true) {
      const before = Number(Atomics.exchange(slots, base + SLOT_FILE_BYTES, BigInt(bytes)))
      if (charge && bytes > before) throttle(limit, control, bytes - before, clock, skipRequested)
      return readControl(true)
    },
  }
  if (task.verify) ctx.hashers = hashers

  const outcomes: ItemOutcome[] = []
  const { items } = task
  // Runs of fresh regular files go to the copier in one call when it can take them (the native core: one call,
  // its folders opened once); it keeps their progress words and status bytes as this loop does per item.
  const copyFiles = task.verify ? undefined : copier.copyFiles?.bind(copier)
  // A move renames what is on the destination's filesystem (one by one); only the rest are copied in runs.
  const inRun = (item: CopyItem): boolean => runnable(item) && !(task.move && onDestinationDevice(item))
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (readControl() === CANCEL) {
      outcomes.push({ id: item.id, status: 'not-started' })
      continue
    }
    if (copyFiles && inRun(item)) {
      let end = index + 1
      while (end < items.length && inRun(items[end]!)) end++
      if (end - index > 1) {
        const run = items.slice(index, end)
        const view = statuses.subarray(index, end)
        for (const outcome of copyFreshFiles(run, ctx, copyFiles, view, task.deferCommit))
          outcomes.push(outcome)
        index = end - 1
        continue
      }
    }
    Atomics.store(slots, base + SLOT_FILE_BYTES, 0n)
    Atomics.store(slots, base + SLOT_FILE, BigInt(item.id + 1))
    const policy = item.policy ?? task.policy
    const outcome =
      (task.move && renameItem(item, policy)) || copyItem(item, policy, ctx, copier, task.deferCommit)
    // Accounted bytes first, then clear the file: a reader between the two sees the file counted twice at worst
    // for one sample, never a dip.
    Atomics.add(slots, base + SLOT_DONE_COPIED, BigInt(copiedBytes(outcome)))
    Atomics.add(slots, base + SLOT_DONE_ACCOUNTED, BigInt(accountedBytes(outcome, item.size)))
    Atomics.store(statuses, index, statusByte(outcome))
    Atomics.store(slots, base + SLOT_FILE, 0n)
    Atomics.store(slots, base + SLOT_FILE_BYTES, 0n)
    outcomes.push(outcome)
  }
  return outcomes
}

/** An item that needs no conflict decision and no per-item core: a regular file in a folder this job created. */
function runnable(item: CopyItem): boolean {
  return item.fresh === true && item.kind === 'file'
}

function statusByte(outcome: ItemOutcome): number {
  switch (outcome.status) {
    case 'done':
      return ITEM_DONE
    case 'skipped':
      return ITEM_SKIPPED
    case 'failed':
      return ITEM_FAILED
    case 'cancelled':
      return ITEM_CANCELLED
    case 'written':
      return ITEM_WRITTEN
    case 'not-started':
    case 'conflict':
      return ITEM_PENDING
  }
}
