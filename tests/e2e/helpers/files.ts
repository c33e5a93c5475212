import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chown, lstat, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { NOBODY } from './web-shell'

/** SHA-256 of a file's content. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject)
  })
}

/** Every file under `root` (relative paths, sorted), including hidden and partial files. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = []
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await visit(path)
      else found.push(relative(root, path))
    }
  }
  await visit(root)
  return found.sort()
}

/** Gives `nobody` (the web shell's user in these tests) ownership of a tree the test made as root. */
export async function chownToNobody(root: string): Promise<void> {
  if (process.getuid?.() !== 0) return
  const visit = async (path: string): Promise<void> => {
    await chown(path, NOBODY, NOBODY)
    if ((await lstat(path)).isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry))
    }
  }
  await visit(root)
}
