import { mkdir, mkdtemp, readFile, rm, stat, symlink, chmod, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeTree, runFerry } from '../helpers/cli'

let root: string
let src: string

/** A tree with the awkward cases: unicode and odd names, empty files and folders, deep nesting, symlinks, modes. */
async function makeTree(dir: string): Promise<void> {
  await mkdir(join(dir, 'deep/a/b/c/d/e/f/g/h'), { recursive: true })
  await mkdir(join(dir, 'empty folder'))
  await writeFile(join(dir, 'deep/a/b/c/d/e/f/g/h/leaf.txt'), 'deep leaf\n')
  await writeFile(join(dir, 'empty.txt'), '')
  await writeFile(join(dir, 'ünïcødé ✓ 日本語.txt'), 'unicode name\n')
  await writeFile(join(dir, ' leading space, -dash & $dollar (1).txt'), 'odd name\n')
  await writeFile(join(dir, 'newline\nin name'), 'newline name\n')
  await writeFile(
    join(dir, 'random.bin'),
    Buffer.from(Array.from({ length: 3 << 20 }, (_, i) => (i * 7919) % 251)),
  )
  await writeFile(join(dir, 'script.sh'), '#!/bin/sh\necho hi\n')
  await chmod(join(dir, 'script.sh'), 0o750)
  await symlink('random.bin', join(dir, 'link-to-file'))
  await symlink('does/not/exist', join(dir, 'dangling-link'))
  for (let i = 0; i < 300; i++)
    await writeFile(join(dir, 'deep/a', `small-${i}.txt`), `file ${i}\n`.repeat(i))
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-copy-'))
  src = join(root, 'src')
  await makeTree(src)
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('ferry SRC DEST copies a tree', () => {
  it('makes a missing DEST the copy of a single source folder, byte-identical, and exits 0', async () => {
    const dest = join(root, 'copy-1')
    const result = await runFerry([src, dest])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await describeTree(dest)).toEqual(await describeTree(src))
    // Not a TTY and no --json: one summary line on stdout.
    expect(result.stdout).toMatch(/^Copied 309 files \(.+\) in [\d.]+ s, .+\/s\.\n$/)
  })

  it('preserves modification times', async () => {
    const dest = join(root, 'copy-mtime')
    expect((await runFerry([src, dest])).code).toBe(0)
    for (const name of ['random.bin', 'deep/a/b/c/d/e/f/g/h/leaf.txt']) {
      expect(Math.floor((await stat(join(dest, name))).mtimeMs)).toBe(
        Math.floor((await stat(join(src, name))).mtimeMs),
      )
    }
  })

  it('puts the sources inside an existing destination folder, as cp -r does', async () => {
    const dest = join(root, 'existing')
    await mkdir(dest)
    const result = await runFerry([src, join(src, 'empty.txt'), join(src, 'script.sh'), dest])
    expect(result.code).toBe(0)
    expect(await describeTree(join(dest, 'src'))).toEqual(await describeTree(src))
    expect(await readFile(join(dest, 'empty.txt'), 'utf8')).toBe('')
    expect((await stat(join(dest, 'script.sh'))).mode & 0o777).toBe(0o750)
  })

  it('copies a single file to a new file name', async () => {
    const dest = join(root, 'renamed.bin')
    expect((await runFerry([join(src, 'random.bin'), dest])).code).toBe(0)
    // Buffer.equals: vitest's deep equality takes most of a minute on megabytes.
    expect((await readFile(dest)).equals(await readFile(join(src, 'random.bin')))).toBe(true)
  })

  it('resolves relative paths against the working directory', async () => {
    const result = await runFerry(['src/deep', 'relative-copy'], { cwd: root })
    expect(result.code).toBe(0)
    expect(await describeTree(join(root, 'relative-copy'))).toEqual(await describeTree(join(src, 'deep')))
  })
})
