import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

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

/** Every regular file and folder under `root`: relative path → SHA-256 of the content (`dir` for folders). */
export async function hashTree(root: string): Promise<Map<string, string>> {
  const result = new Map<string, string>()
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      const key = relative(root, path).split('\\').join('/')
      if (entry.isDirectory()) {
        result.set(key, 'dir')
        await walk(path)
      } else {
        result.set(
          key,
          createHash('sha256')
            .update(await readFile(path))
            .digest('hex'),
        )
      }
    }
  }
  await walk(root)
  return result
}
