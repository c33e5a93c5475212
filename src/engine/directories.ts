/**
 * Destination folders. The main thread creates each folder before its files are dispatched, owner-only (0700) so
 * that nobody else can read a private folder's files while they are copied; its mode and times are applied at the
 * end, deepest first, because writing files into a folder changes its mtime (and a read-only mode would block
 * them). Folders that already exist (a rerun, a merge) get the source's mode and times re-applied too, as
 * `cp -a` and `rsync -a` do.
 *
 * A link met inside the destination tree is never followed: where the source has a folder and the destination has
 * a symbolic link (or a file), that subtree fails with NOT_A_DIRECTORY under every conflict policy, as `cp -r` does
 * ("cannot overwrite non-directory with directory"). Replacing the link (rsync's choice) would delete something of
 * the user's that is not a file being replaced, so Ferry leaves it and says so. The destination root the user named
 * may itself be a link: it is resolved by pre-flight, not here.
 */
import fs from 'node:fs'
import type { FerryErrorData } from '../shared/job'
import { toFerryError } from './errors'
import { type BytePath, displayPath, fsPath, NAME_ENCODING, parentPath } from './lib/byte-path'
import type { WalkEntry } from './walker'

/** A folder whose metadata is applied when the job ends (created by the job, or merged into). */
export interface DirectoryMeta {
  src: BytePath
  dst: BytePath
  mode: number
  atimeMs: number
  mtimeMs: number
}

/** Mode a folder is created with: owner-only, whatever the source's, so its contents stay private while copied. */
export const CREATION_MODE = 0o700

/**
 * Creates the folder for `entry`, or merges into an existing real folder; either way its metadata is recorded in
 * `record` for {@link applyDirectoryMeta}. Resolves `created` (this job made it, so it is empty), `merged`, or an
 * error for the subtree (a link or file in the way, a read-only or unwritable destination, …).
 */
export async function makeDirectory(
  entry: Extract<WalkEntry, { kind: 'directory' }>,
  record: DirectoryMeta[],
): Promise<'created' | 'merged' | FerryErrorData> {
  const meta = {
    src: entry.src,
    dst: entry.dst,
    mode: entry.mode,
    atimeMs: entry.atimeMs,
    mtimeMs: entry.mtimeMs,
  }
  try {
    await fs.promises.mkdir(fsPath(entry.dst), { mode: CREATION_MODE })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return missingParent(entry.dst, error)
    if (code !== 'EEXIST') return toFerryError(error, displayPath(entry.dst), 'creating the folder').toData()
    // lstat, never stat: a link to a folder must not be merged into (that would write through it).
    const existing = await fs.promises.lstat(fsPath(entry.dst)).catch(() => undefined)
    if (existing?.isDirectory()) {
      record.push(meta)
      return 'merged'
    }
    const what = existing?.isSymbolicLink() ? 'a symbolic link' : 'a file'
    const message = `Cannot copy the folder ${displayPath(entry.src)}: ${displayPath(entry.dst)} is ${what}, not a folder, and Ferry never writes through or replaces it; rename or remove it and retry.`
    return { code: 'NOT_A_DIRECTORY', message, path: displayPath(entry.dst) }
  }
  record.push(meta)
  return 'created'
}

/**
 * ENOENT from mkdir: the parent is missing, usually because it could not be created. Says why — a read-only
 * filesystem or an unwritable folder above — rather than "not found".
 */
async function missingParent(dst: BytePath, error: unknown): Promise<FerryErrorData> {
  for (let dir = parentPath(dst); ; dir = parentPath(dir)) {
    const st = await fs.promises.stat(fsPath(dir)).catch(() => undefined)
    if (st) {
      const denied = await fs.promises.access(fsPath(dir), fs.constants.W_OK).then(
        () => undefined,
        (reason: unknown) => reason,
      )
      return toFerryError(denied ?? error, displayPath(denied ? dir : dst), 'creating the folder').toData()
    }
    if (parentPath(dir) === dir) return toFerryError(error, displayPath(dst), 'creating the folder').toData()
  }
}

/**
 * Applies mode and times to the recorded folders, children before parents. Best effort. A mode that denies its
 * owner writing or entering (0555, 0500, 000, …) is applied only when the folder's copy is complete — every name of
 * the source folder is present — otherwise (an unreadable source folder, a file that failed) the folder keeps
 * owner rwx, so that a retry can write into it; the retry then applies the mode.
 */
export async function applyDirectoryMeta(record: DirectoryMeta[]): Promise<void> {
  for (let i = record.length - 1; i >= 0; i--) {
    const d = record[i]!
    let mode = d.mode & 0o7777
    if ((mode & 0o300) !== 0o300 && !(await isComplete(d))) mode |= 0o700
    await fs.promises.chmod(fsPath(d.dst), mode).catch(() => undefined)
    await fs.promises.utimes(fsPath(d.dst), d.atimeMs / 1000, d.mtimeMs / 1000).catch(() => undefined)
  }
}

/** True when every name in the source folder exists in the destination folder. */
async function isComplete(d: DirectoryMeta): Promise<boolean> {
  try {
    const [source, copy] = await Promise.all([
      fs.promises.readdir(fsPath(d.src), { encoding: NAME_ENCODING }),
      fs.promises.readdir(fsPath(d.dst), { encoding: NAME_ENCODING }),
    ])
    const present = new Set(copy)
    return source.every((name) => present.has(name))
  } catch {
    return false
  }
}

/**
 * Move: removes the source folders a move emptied, deepest first (`folders` in walk order, parents first). Only
 * `rmdir`: a folder still holding anything (a file skipped, failed, kept, excluded, or added meanwhile) stays, and
 * so do its parents. A folder swapped for a link is not followed (rmdir refuses a link).
 */
export async function removeEmptyFolders(folders: readonly BytePath[]): Promise<void> {
  for (let i = folders.length - 1; i >= 0; i--) {
    await fs.promises.rmdir(fsPath(folders[i]!)).catch(() => undefined)
  }
}
