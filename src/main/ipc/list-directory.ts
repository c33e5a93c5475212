import { readdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { DirEntry, DirListing } from '../../shared/ipc'
import { toFerryError } from '../../engine'

const KIND_ORDER: Record<DirEntry['kind'], number> = { directory: 0, symlink: 1, file: 2 }
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/**
 * Lists one folder for the folder browser: folders first, then symlinks and files, each by natural name order
 * (`file 2` before `file 10`). Without a path it lists the user's home folder. Rejects with a `FerryError`
 * (`NOT_FOUND`, `PERMISSION_DENIED`, `NOT_A_DIRECTORY`, …) naming the path.
 */
export async function listDirectory(path: string = homedir()): Promise<DirListing> {
  const folder = resolve(path)
  let dirents
  try {
    dirents = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    throw toFerryError(error, folder, 'listing')
  }
  const entries: DirEntry[] = dirents.map((dirent) => ({
    name: dirent.name,
    path: join(folder, dirent.name),
    kind: dirent.isDirectory() ? 'directory' : dirent.isSymbolicLink() ? 'symlink' : 'file',
  }))
  entries.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.name, b.name))
  const parent = dirname(folder)
  return { path: folder, parent: parent === folder ? null : parent, entries }
}
