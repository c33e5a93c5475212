import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Relative path → SHA-256 of every file under a root (folders as `dir`); shared with the CI smoke script. */
export { hashFiles as hashTree } from '../../scripts/packaged-smoke'

/**
 * Writes a small tree with the shapes a copier must get right: nested folders, an empty folder, an empty file, a
 * non-ASCII name, and a file of several MiB (many chunks; random bytes, so a wrong chunk cannot hash the same).
 */
export async function writeSampleTree(root: string): Promise<void> {
  await mkdir(join(root, 'docs', 'notes'), { recursive: true })
  await mkdir(join(root, 'empty-folder'), { recursive: true })
  await writeFile(join(root, 'readme.txt'), 'Ferry carries files across.\n')
  await writeFile(join(root, 'empty.bin'), '')
  await writeFile(join(root, 'docs', 'zürich – notes.md'), '# Grüße\n'.repeat(300))
  await writeFile(join(root, 'docs', 'notes', 'big.bin'), randomBytes(5 * 1024 * 1024 + 123))
  for (let i = 0; i < 40; i++)
    await writeFile(join(root, 'docs', 'notes', `small-${i}.txt`), randomBytes(i * 97))
}
