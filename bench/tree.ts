/** Walking a folder tree: counting what it holds and reading it once to warm the page cache. */
import { closeSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** What a tree holds. Sizes are apparent sizes (bytes of content), symlinks not followed. */
export interface TreeCounts {
  files: number
  dirs: number
  symlinks: number
  bytes: number
}

/** Calls `visit` for every entry under `root` (not `root` itself), depth-first, without following symlinks. */
function walk(root: string, visit: (path: string, kind: 'file' | 'dir' | 'symlink' | 'other') => void): void {
  const stack = [root]
  while (stack.length > 0) {
    const dir = stack.pop() as string
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        stack.push(path)
        visit(path, 'dir')
      } else if (entry.isSymbolicLink()) visit(path, 'symlink')
      else if (entry.isFile()) visit(path, 'file')
      else visit(path, 'other')
    }
  }
}

/** Counts files, folders (below `root`), symlinks and content bytes under `root`; a single file counts as one file. */
export function countTree(root: string): TreeCounts {
  const st = lstatSync(root)
  if (!st.isDirectory()) return { files: 1, dirs: 0, symlinks: 0, bytes: st.size }
  const counts: TreeCounts = { files: 0, dirs: 0, symlinks: 0, bytes: 0 }
  walk(root, (path, kind) => {
    if (kind === 'dir') counts.dirs += 1
    else if (kind === 'symlink') counts.symlinks += 1
    else if (kind === 'file') {
      counts.files += 1
      counts.bytes += lstatSync(path).size
    }
  })
  return counts
}

/**
 * Reads every regular file under `root` (or `root` itself when it is a file) to the end, so the timed copies that
 * follow all start with the source in the page cache, whichever tool runs first.
 */
export function readTree(root: string): void {
  const buffer = Buffer.allocUnsafe(4 * 1024 * 1024)
  const readFile = (path: string): void => {
    const fd = openSync(path, 'r')
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0) {
        // Reading is the point: the bytes land in the page cache.
      }
    } finally {
      closeSync(fd)
    }
  }
  if (!lstatSync(root).isDirectory()) {
    readFile(root)
    return
  }
  walk(root, (path, kind) => {
    if (kind === 'file') readFile(path)
  })
}

/** True when two trees hold the same number of files, folders and symlinks and the same content bytes. */
export function sameCounts(a: TreeCounts, b: TreeCounts): boolean {
  return a.files === b.files && a.dirs === b.dirs && a.symlinks === b.symlinks && a.bytes === b.bytes
}
