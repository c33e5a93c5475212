/**
 * Recovery after terminate or a worker crash: a task whose result will never arrive is settled from the status
 * bytes its worker recorded in shared memory (a file finished just before terminate is still reported as done), and
 * the partial files of its unfinished items are removed. Owns nothing but that procedure.
 */
import fs from 'node:fs'
import { displayPath, fsPath, parentPath } from './lib/byte-path'
import {
  type CopyItem,
  ITEM_CANCELLED,
  ITEM_DONE,
  ITEM_FAILED,
  ITEM_SKIPPED,
  ITEM_WRITTEN,
  type ItemOutcome,
  partialName,
} from './protocol'
import type { SlotTable, TaskRecord } from './slots'

/**
 * Settles every item of `record` not counted yet through `count`, removes their partial files, and frees the slot.
 * `crash` is the worker's error when it died on its own (undefined under terminate).
 */
export async function settleAbandoned(
  record: TaskRecord,
  slots: SlotTable,
  jobToken: string,
  crash: unknown,
  count: (record: TaskRecord, item: CopyItem, outcome: ItemOutcome) => void,
): Promise<void> {
  const current = slots.currentFile(record.slot)
  const removals: Array<Promise<unknown>> = []
  for (const [index, item] of record.items.entries()) {
    if (record.drained.has(item.id)) continue
    const status = slots.itemStatus(record.slot, index)
    if (status !== ITEM_DONE && status !== ITEM_SKIPPED) {
      const partial = partialName(parentPath(item.dst), jobToken, item.id)
      removals.push(fs.promises.rm(fsPath(partial), { force: true }).catch(() => undefined))
    }
    const outcome = abandonedOutcome(item, status, item.id === current, crash)
    if (outcome.status === 'skipped' && slots.skipAsked(record.slot, item.id)) outcome.reason = 'user-skipped'
    count(record, item, outcome)
  }
  await Promise.all(removals)
  slots.release(record.slot)
}

/** The outcome of an item whose task result was lost (terminate, or a worker crash), from its status byte. */
function abandonedOutcome(item: CopyItem, status: number, isCurrent: boolean, crash: unknown): ItemOutcome {
  const { id, dst } = item
  const src = displayPath(item.src)
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
  // Written but not committed: its temporary file was just removed, like a file stopped mid-copy.
  if (isCurrent || status === ITEM_CANCELLED || status === ITEM_WRITTEN)
    return { id, status: 'cancelled', dst }
  return { id, status: 'not-started' }
}
