/**
 * Move, inside a worker thread. Two ways a source leaves:
 *
 * - Same filesystem (the source's st_dev is the destination folder's): one rename, atomic — at every instant the
 *   file is under its old name or its new one. It never replaces an existing destination unless the item's policy
 *   decided to (overwrite, newer): `renameat2(RENAME_NOREPLACE)` through the native core, `link` + `unlink` in JS
 *   (both refuse an existing name; a name that appeared meanwhile is kept, and the file takes a free name, as a
 *   commit does).
 * - Otherwise: the file is copied as usual; its commit group deletes the source ({@link removeSource}) only after the
 *   copy is durable under its final name and that folder is flushed (commit.ts), so a crash or power cut at any
 *   moment leaves the file complete at the source, at the destination, or both — never neither.
 *
 * A source is deleted only if it is still what the walk saw (dev, ino, size, mtime): one changed after it was copied
 * is kept, and the outcome says why.
 */
import fs from 'node:fs'
import type { FerryErrorData } from '../../shared/job'
import { toFerryError } from '../errors'
import { type BytePath, displayPath, fsPath, parentPath } from '../lib/byte-path'
import { loadCore } from '../native/load'
import type { NativeBinding } from '../native/native-core'
import type { CopyItem, ItemOutcome, SourceIdentity, WorkerConflictPolicy } from '../protocol'
import { freeName, resolveConflict } from './destination'

const native: NativeBinding | undefined = (() => {
  try {
    const choice = loadCore()
    return choice.core === 'native' && process.platform === 'linux' ? choice.binding : undefined
  } catch {
    return undefined
  }
})()

/**
 * Errors that mean "no rename here, copy instead": another mount of the same filesystem, no hard links, or a source
 * folder this user may not change (the copy then keeps the source, and says why).
 */
const COPY_INSTEAD = new Set([
  'EXDEV',
  'EACCES',
  'EROFS',
  'EPERM',
  'ENOTSUP',
  'EOPNOTSUPP',
  'ENOSYS',
  'EINVAL',
  'EMLINK',
])

/** The device of the last destination folder asked about (items of a task mostly share folders). */
let lastFolder: BytePath | undefined
let lastFolderDev = -1

function folderDevice(folder: BytePath): number {
  if (folder !== lastFolder) {
    const st = fs.statSync(fsPath(folder), { throwIfNoEntry: false })
    lastFolder = folder
    lastFolderDev = st ? st.dev : -1
  }
  return lastFolderDev
}

/** True when a regular file's source (the walk's st_dev) is on its destination folder's filesystem. */
export function onDestinationDevice(item: CopyItem): boolean {
  return item.kind === 'file' && item.dev === folderDevice(parentPath(item.dst))
}

/**
 * Moves `item` by a rename when its source is on the destination folder's filesystem. Returns its outcome, or
 * `undefined` when it must be copied instead (another filesystem, or the filesystem cannot rename it here).
 */
export function renameItem(item: CopyItem, policy: WorkerConflictPolicy): ItemOutcome | undefined {
  let source: fs.Stats | undefined
  try {
    source = fs.lstatSync(fsPath(item.src), { throwIfNoEntry: false })
  } catch {
    return undefined // the copy reports why the source cannot be read
  }
  if (!source || !sameKind(source, item.kind)) return undefined
  if (item.kind === 'file' && item.ino !== 0 && (source.dev !== item.dev || source.ino !== item.ino))
    return undefined // swapped since the walk: the copy fails it with SOURCE_CHANGED
  if (source.dev !== folderDevice(parentPath(item.dst))) return undefined
  const decision = item.fresh ? { dst: item.dst, replace: false } : resolveConflict(item, policy)
  if (decision.outcome) return decision.outcome
  let dst = decision.dst
  try {
    if (decision.replace) fs.renameSync(fsPath(item.src), fsPath(dst))
    else {
      for (;;) {
        try {
          renameNoReplace(item.src, dst)
          break
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
          dst = freeName(item.dst) // a name appeared meanwhile: keep it, take a free one (as commit does)
        }
      }
    }
  } catch (error) {
    if (COPY_INSTEAD.has((error as NodeJS.ErrnoException).code ?? '')) return undefined
    const data = toFerryError(error, displayPath(dst), 'moving').toData()
    return { id: item.id, status: 'failed', dst, bytes: 0, error: data }
  }
  const bytes = item.size
  if (dst !== item.dst) return { id: item.id, status: 'done', dst, bytes, moved: true }
  return decision.replace
    ? { id: item.id, status: 'done', bytes, replaced: true, moved: true }
    : { id: item.id, status: 'done', bytes, moved: true }
}

/** rename(2) refusing to replace: renameat2 RENAME_NOREPLACE (native), or link + unlink (JS). */
function renameNoReplace(from: BytePath, to: BytePath): void {
  if (native) return native.renameNoReplace(fsPath(from), fsPath(to))
  fs.linkSync(fsPath(from), fsPath(to))
  try {
    fs.unlinkSync(fsPath(from))
  } catch (error) {
    // The file is at both names; leave it at the source only, as if nothing happened.
    fs.unlinkSync(fsPath(to))
    throw error
  }
}

function sameKind(st: fs.Stats, kind: CopyItem['kind']): boolean {
  return kind === 'file' ? st.isFile() : st.isSymbolicLink()
}

/**
 * The walk's mtime and lstat's are the same nanoseconds as floating-point milliseconds computed two ways (the native
 * walker divides ns by 1e6; Node adds s × 1000 and ns / 1e6), which can differ in the last bits: equal within 1 µs.
 */
const MTIME_SLACK_MS = 0.001

/**
 * Deletes a moved file's source, only if it is still the file that was copied (dev, ino, size, mtime as the walk
 * saw them). Call only once the copy is durable under its final name. Returns why the source was kept, if it was.
 */
export function removeSource(source: SourceIdentity): FerryErrorData | undefined {
  const where = displayPath(source.path)
  let st: fs.Stats | undefined
  try {
    st = fs.lstatSync(fsPath(source.path), { throwIfNoEntry: false })
  } catch (error) {
    return toFerryError(error, where, 'removing the moved source', 'source').toData()
  }
  if (!st) return undefined // already gone: nothing to keep
  const changed =
    !sameKind(st, source.kind) ||
    (source.kind === 'file' &&
      (st.dev !== source.dev ||
        st.ino !== source.ino ||
        st.size !== source.size ||
        (source.mtimeMs !== undefined && Math.abs(st.mtimeMs - source.mtimeMs) >= MTIME_SLACK_MS)))
  if (changed) {
    const message = `${where} changed after it was copied, so it was kept at the source (the copy holds the earlier content); move it again to move the new content.`
    return { code: 'SOURCE_CHANGED', message, path: where }
  }
  try {
    fs.unlinkSync(fsPath(source.path))
    return undefined
  } catch (error) {
    return toFerryError(error, where, 'removing the moved source', 'source').toData()
  }
}
