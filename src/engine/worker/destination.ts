/**
 * Destination policy for one item: what exists at its destination decides whether it is copied, skipped, asked
 * about, or kept next to the existing file under a free name ("keep both"); a source that *is* the existing file
 * (a link onto the file it points to, a hard link) is refused, because replacing it would destroy it. The commit
 * renames the finished temporary file into place. Nothing here reads or writes file contents (see byte-copier.ts).
 */
import fs from 'node:fs'
import { baseName, type BytePath, childPath, displayPath, fsPath, parentPath } from '../lib/byte-path'
import { toFerryError } from '../errors'
import type { CopyItem, ItemOutcome, WorkerConflictPolicy } from '../protocol'
import { isNewerAtSettablePrecision } from './times'

/** Where an item goes: an outcome already decided, or the destination to write and whether it may replace. */
export type Decision =
  | { outcome: ItemOutcome; dst?: never; replace?: never }
  | { outcome?: never; dst: BytePath; replace: boolean }

/** Decides where the item goes given what exists at its destination (never following a link there). */
export function resolveConflict(item: CopyItem, policy: WorkerConflictPolicy): Decision {
  let existing: fs.BigIntStats | undefined
  try {
    existing = fs.lstatSync(fsPath(item.dst), { bigint: true, throwIfNoEntry: false })
  } catch (error) {
    return failed(item, toFerryError(error, displayPath(item.dst), 'checking the destination').toData())
  }
  if (!existing) return { dst: item.dst, replace: false }
  if (existing.isDirectory()) {
    const message = `Cannot copy ${displayPath(item.src)} to ${displayPath(item.dst)}: a folder with that name exists at the destination; rename or remove it and retry.`
    return failed(item, { code: 'IS_A_DIRECTORY', message, path: displayPath(item.dst) })
  }
  if (policy === 'skip')
    return { outcome: { id: item.id, status: 'skipped', dst: item.dst, reason: 'exists' } }
  if (policy === 'rename') return { dst: freeName(item.dst), replace: false }
  // overwrite, newer, ask: each may replace the existing file, so it must not be the source itself.
  let source: fs.BigIntStats
  try {
    source = fs.lstatSync(fsPath(item.src), { bigint: true })
    const followed = source.isSymbolicLink()
      ? fs.statSync(fsPath(item.src), { bigint: true, throwIfNoEntry: false })
      : source
    if (followed && followed.dev === existing.dev && followed.ino === existing.ino) return sameFile(item)
  } catch (error) {
    return failed(item, toFerryError(error, displayPath(item.src), 'reading', 'source').toData())
  }
  switch (policy) {
    case 'overwrite':
      return { dst: item.dst, replace: true }
    case 'newer':
      if (isNewerAtSettablePrecision(source.mtimeNs, existing.mtimeNs))
        return { dst: item.dst, replace: true }
      return { outcome: { id: item.id, status: 'skipped', dst: item.dst, reason: 'not-newer' } }
    case 'ask':
      return {
        outcome: {
          id: item.id,
          status: 'conflict',
          source: { size: Number(source.size), mtimeMs: Number(source.mtimeNs / 1000n) / 1000 },
          existing: { size: Number(existing.size), mtimeMs: Number(existing.mtimeNs / 1000n) / 1000 },
        },
      }
  }
}

function sameFile(item: CopyItem): Decision {
  const message = `${displayPath(item.src)} and ${displayPath(item.dst)} are the same file; copying one onto the other would destroy it, so nothing was written.`
  return failed(item, { code: 'SAME_FILE', message, path: displayPath(item.src) })
}

function failed(item: CopyItem, error: Extract<ItemOutcome, { status: 'failed' }>['error']): Decision {
  return { outcome: { id: item.id, status: 'failed', dst: item.dst, bytes: 0, error } }
}

/** `name (1).ext`, `name (2).ext`, … : the first name that does not exist yet, not even as a dangling link. */
export function freeName(path: BytePath): BytePath {
  const dir = parentPath(path)
  const base = baseName(path)
  // A dotfile such as `.bashrc` has no extension: keep the whole name as the stem.
  const dot = base.lastIndexOf('.')
  const ext = dot > 0 ? base.slice(dot) : ''
  const stem = base.slice(0, base.length - ext.length)
  for (let n = 1; ; n++) {
    const candidate = childPath(dir, `${stem} (${n})${ext}` as BytePath)
    if (!exists(candidate)) return candidate
  }
}

/**
 * Moves the finished temporary file to its final name. Without `replace`, a file that appeared at the destination
 * while this one was copied is not clobbered: the copy is kept next to it under a free name.
 */
export function commit(temp: BytePath, dst: BytePath, replace: boolean): BytePath {
  const final = !replace && exists(dst) ? freeName(dst) : dst
  fs.renameSync(fsPath(temp), fsPath(final))
  return final
}

/** Removes `path` if it is there (a temporary file after a failure or cancel). */
export function removeQuietly(path: BytePath): void {
  try {
    fs.unlinkSync(fsPath(path))
  } catch {
    // Not created yet, or already gone.
  }
}

/** Like `existsSync` but a dangling link counts as existing (it would be replaced by a rename). */
function exists(path: BytePath): boolean {
  return fs.lstatSync(fsPath(path), { throwIfNoEntry: false }) !== undefined
}
