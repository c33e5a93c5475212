/**
 * One item, start to end, inside a worker thread: the destination decides (`destination.ts`), a byte copier fills
 * a temporary file in the destination folder (`byte-copier.ts`), and the commit renames it into place. No final name
 * ever holds a partial file, and an overwritten file is replaced atomically, never truncated first. Synchronous:
 * the thread is dedicated to it, and sync calls cost a fraction of promise round trips per small file.
 */
import fs from 'node:fs'
import { type BytePath, displayPath, fsPath, parentPath } from '../lib/byte-path'
import { FerryError, toFerryError } from '../errors'
import { type CopyItem, type ItemOutcome, partialName, type WorkerConflictPolicy } from '../protocol'
import { type ByteCopier, Cancelled, type CopyContext, SkippedByUser } from './byte-copier'
import { commit, removeQuietly, resolveConflict } from './destination'

/**
 * Copies one item under `policy` with `copier`; never throws (errors become `failed` outcomes). With `defer`, the
 * finished file stays under its temporary name and the outcome is `written`: its commit group renames it once it is
 * durable (commit.ts).
 */
export function copyItem(
  item: CopyItem,
  policy: WorkerConflictPolicy,
  ctx: CopyContext,
  copier: ByteCopier,
  defer = false,
): ItemOutcome {
  // In a folder this job created, nothing can be in the way: skip the check (one syscall per small file).
  const decision = item.fresh ? { dst: item.dst, replace: false } : resolveConflict(item, policy)
  if (decision.outcome) return decision.outcome
  const dst = decision.dst
  const temp = partialName(parentPath(dst), ctx.jobToken, item.id)
  try {
    let bytes = 0
    if (item.kind === 'symlink') copier.copySymlink(item, temp)
    else bytes = copier.copyFile(item, temp, ctx)
    if (defer) {
      const entry = { id: item.id, temp, dst, replace: decision.replace, fresh: item.fresh === true }
      return { id: item.id, status: 'written', bytes, entry }
    }
    const final = item.fresh
      ? (fs.renameSync(fsPath(temp), fsPath(dst)), dst)
      : commit(temp, dst, decision.replace)
    if (final !== item.dst) return { id: item.id, status: 'done', dst: final, bytes }
    // The policy chose to replace an existing file (overwrite, newer): the list says "Replaced".
    return decision.replace
      ? { id: item.id, status: 'done', bytes, replaced: true }
      : { id: item.id, status: 'done', bytes }
  } catch (error) {
    return failedOutcome(item, dst, temp, error)
  }
}

/**
 * Copies a run of regular files whose folders this job created (`item.fresh`: no conflict decision) in one call of
 * the copier's `copyFiles`, with the outcomes `copyItem` gives each: `written` (with `defer`) or `done`, `failed`
 * with the same codes and paths, `cancelled`, and `not-started` after a cancel. The copier keeps each item's
 * progress words and writes its status byte in `statuses` (one per item of the run), as the worker loop does.
 */
export function copyFreshFiles(
  items: CopyItem[],
  ctx: CopyContext,
  copyFiles: NonNullable<ByteCopier['copyFiles']>,
  statuses: Uint8Array,
  defer: boolean,
): ItemOutcome[] {
  const temps = items.map((item) => partialName(parentPath(item.dst), ctx.jobToken, item.id))
  const results = copyFiles(
    items,
    temps,
    ctx,
    defer ? { statuses } : { statuses, finals: items.map((item) => item.dst) },
  )
  return items.map((item, i): ItemOutcome => {
    const result = results[i]
    const temp = temps[i]!
    if (result === undefined) return { id: item.id, status: 'not-started' }
    if (typeof result !== 'number') return failedOutcome(item, item.dst, temp, result)
    if (!defer) return { id: item.id, status: 'done', bytes: result }
    const entry = { id: item.id, temp, dst: item.dst, replace: false, fresh: true }
    return { id: item.id, status: 'written', bytes: result, entry }
  })
}

/** The outcome of an item whose copy threw `error`; its temporary file is removed. */
function failedOutcome(item: CopyItem, dst: BytePath, temp: BytePath, error: unknown): ItemOutcome {
  removeQuietly(temp)
  if (error instanceof Cancelled) return { id: item.id, status: 'cancelled', dst }
  if (error instanceof SkippedByUser) return { id: item.id, status: 'skipped', dst, reason: 'user-skipped' }
  // What the copier did not attribute is about the destination (creating, writing, renaming); never name the
  // temporary file: the user knows the final name.
  const where = error instanceof FerryError ? error : toFerryError(error, displayPath(dst), 'copying')
  return { id: item.id, status: 'failed', dst, bytes: 0, error: where.toData() }
}
