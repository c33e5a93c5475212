/**
 * Folders are created by the main thread before their files are dispatched; their mode and times are applied at the
 * end, deepest first, because writing files into a folder changes its mtime (and a read-only mode would block them).
 */
import fs from 'node:fs'
import type { FerryErrorData } from '../shared/job'
import { toFerryError } from './errors'
import type { WalkEntry } from './walker'

/** A folder whose metadata is applied when the job ends. */
export interface DirectoryMeta {
  dst: string
  mode: number
  atimeMs: number
  mtimeMs: number
}

/**
 * Creates the folder for `entry`, or merges into an existing one. Resolves `created` (this job made it, so it is
 * empty), `merged`, or an error.
 */
export async function makeDirectory(
  entry: Extract<WalkEntry, { kind: 'directory' }>,
  created: DirectoryMeta[],
): Promise<'created' | 'merged' | FerryErrorData> {
  try {
    await fs.promises.mkdir(entry.dst)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EEXIST') return toFerryError(error, entry.dst, 'creating the folder').toData()
    const existing = await fs.promises.stat(entry.dst).catch(() => undefined)
    if (existing?.isDirectory()) return 'merged' // its own metadata stays the user's
    return {
      code: 'NOT_A_DIRECTORY',
      message: `Cannot copy the folder ${entry.src}: a file named ${entry.dst} is in the way; rename or remove it and retry.`,
      path: entry.dst,
    }
  }
  created.push({ dst: entry.dst, mode: entry.mode, atimeMs: entry.atimeMs, mtimeMs: entry.mtimeMs })
  return 'created'
}

/** Applies mode and times to the created folders, children before parents. Best effort. */
export async function applyDirectoryMeta(created: DirectoryMeta[]): Promise<void> {
  for (let i = created.length - 1; i >= 0; i--) {
    const d = created[i]!
    await fs.promises.chmod(d.dst, d.mode & 0o7777).catch(() => undefined)
    await fs.promises.utimes(d.dst, d.atimeMs / 1000, d.mtimeMs / 1000).catch(() => undefined)
  }
}
