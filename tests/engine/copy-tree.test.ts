import { execFile } from 'node:child_process'
import { lstat, mkdir, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { diffDirs, file, link, snapshotTree, treeTotals, writeTree, type TreeSpec } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()

/** Copies the folder `src` to the missing path `<fresh dir>/copy` (so the destination becomes the copy). */
async function copyFolder(src: string, extra: { verify?: boolean } = {}) {
  const dst = join(await temp.make('dst'), 'copy')
  const run = await runJob(engine, { sources: [src], destination: dst, ...extra })
  return { dst, ...run }
}

/** Names that trip up shells, naive path handling and Unicode normalisation. */
const ODD_NAMES: TreeSpec = {
  'with space.txt': 'space',
  '  leading and trailing  ': 'spaces around',
  'it\'s "quoted".txt': 'quotes',
  '#hash#.md': 'hash',
  'emoji-🚀🦀.bin': seededBytes(3000, 1),
  'caf\u00e9 NFC.txt': 'precomposed é',
  'cafe\u0301 NFC.txt': 'decomposed é (same-looking name, different bytes)',
  '-rf': 'leading dash',
  '--help': 'double dash',
  'new\nline.txt': 'newline in the name',
  'tab\there': 'tab in the name',
  'back\\slash': 'backslash',
  '$HOME %20 *?[x]': 'shell metacharacters',
  '...': 'only dots',
  '日本語のファイル.txt': 'CJK',
  'Ünïcödé folder 📁': { 'inside ✓.txt': 'nested unicode' },
}

describe('copying a tree', () => {
  it('reproduces odd names, binary contents, empty files and empty folders byte for byte', async () => {
    const src = join(await temp.make('src'), 'tree')
    await writeTree(src, {
      ...ODD_NAMES,
      'empty.bin': '',
      'one-byte': 'x',
      'block-minus-one.bin': seededBytes(4095, 2),
      'block.bin': seededBytes(4096, 3),
      'block-plus-one.bin': seededBytes(4097, 4),
      'mebibyte-plus-three.bin': seededBytes((1 << 20) + 3, 5),
      'empty folder': {},
      nested: { 'empty inside': {}, a: { b: { c: { 'leaf.txt': 'leaf', 'zero.txt': '' } } } },
    })

    const { dst, summary } = await copyFolder(src)

    expect(await diffDirs(src, dst)).toEqual([])
    const totals = treeTotals(await snapshotTree(src))
    expect(summary).toMatchObject({
      state: 'done',
      filesDone: totals.files,
      filesFailed: 0,
      filesSkipped: 0,
      filesCancelled: 0,
      filesNotStarted: 0,
      bytesDone: totals.bytes,
      bytesTotal: totals.bytes,
      scanComplete: true,
      failures: [],
    })
  })

  it('copies a tree 80 folders deep', async () => {
    const src = join(await temp.make('src'), 'deep')
    let spec: TreeSpec = { 'bottom.txt': 'the bottom', 'bottom-empty': {} }
    for (let level = 80; level >= 1; level -= 1) {
      spec = { [`level-${level}`]: spec, [`file-at-${level}.txt`]: `level ${level}` }
    }
    await writeTree(src, spec)

    const { dst, summary } = await copyFolder(src)

    expect(await diffDirs(src, dst)).toEqual([])
    expect(summary).toMatchObject({ state: 'done', filesDone: 81, filesFailed: 0 })
  })

  it('copies a file whose name is 255 bytes long, the most ext4 allows', async () => {
    // A copier whose temporary name is "<name>.something" cannot create it next to such a file.
    const name = `${'n'.repeat(247)}.longext` // 255 bytes
    expect(Buffer.byteLength(name)).toBe(255)
    const src = join(await temp.make('src'), 'long')
    await writeTree(src, {
      [name]: seededBytes(10_000, 6),
      ['ü'.repeat(127)]: 'two-byte characters: 254 bytes',
    })

    const { dst, summary } = await copyFolder(src)

    expect(await diffDirs(src, dst)).toEqual([])
    expect(summary).toMatchObject({ state: 'done', filesDone: 2, filesFailed: 0 })
  })

  it('copies symlinks as symlinks (relative, absolute, dangling, to folders, in loops) without following them', async () => {
    const root = await temp.make('src')
    const outside = join(root, 'outside.txt')
    const src = join(root, 'links')
    await writeTree(root, { 'outside.txt': 'outside the copied tree' })
    await writeTree(src, {
      'target.txt': 'target',
      folder: { 'in-folder.txt': 'in folder', sub: { 'deeper.txt': 'deeper' } },
      'rel-file': link('target.txt'),
      'rel-up': link('../outside.txt'),
      'abs-file': link(outside),
      dangling: link('does/not/exist'),
      'abs-dangling': link('/nonexistent/ferry/test/path'),
      'to-folder': link('folder'),
      'to-parent': link('..'),
      'loop-a': link('loop-b'),
      'loop-b': link('loop-a'),
      nested: { 'up-and-over': link('../folder/sub/deeper.txt') },
    })

    const { dst, summary, rec } = await copyFolder(src)

    // diffDirs compares link targets verbatim and would show "unexpected file" entries had a link been followed.
    expect(await diffDirs(src, dst)).toEqual([])
    expect((await lstat(join(dst, 'to-folder'))).isSymbolicLink()).toBe(true)
    expect(summary).toMatchObject({ state: 'done', filesDone: 3 + 10, filesFailed: 0 })
    const linkResults = rec.results.filter((result) => result.kind === 'symlink')
    expect(linkResults).toHaveLength(10)
    expect(linkResults.every((result) => result.status === 'done')).toBe(true)
  })

  it('preserves file modes (executable, private, read-only, beyond the umask) and mtimes to the millisecond', async () => {
    const src = join(await temp.make('src'), 'modes')
    const base = Date.UTC(2021, 4, 17, 12, 30, 45) // whole seconds, plus distinct milliseconds below
    await writeTree(src, {
      'run.sh': file('#!/bin/sh\necho hi\n', { mode: 0o755, mtimeMs: base + 123 }),
      'secret.key': file('private', { mode: 0o600, mtimeMs: base + 7 }),
      'owner-only-exec': file('x', { mode: 0o700, mtimeMs: base + 999 }),
      'read-only.txt': file('ro', { mode: 0o444, mtimeMs: base + 1 }),
      'world-writable.txt': file('ww', { mode: 0o666, mtimeMs: base + 500 }), // 0644 if the umask leaked in
      'all.bin': file(seededBytes(70_000, 7), { mode: 0o777, mtimeMs: base + 250 }),
      'old.txt': file('from 1999', { mode: 0o640, mtimeMs: Date.UTC(1999, 11, 31, 23, 59, 59) + 42 }),
      'fresh.txt': 'mtime with nanoseconds, as written just now',
      'empty-exec': file('', { mode: 0o750, mtimeMs: base + 333 }),
    })

    const { dst, summary } = await copyFolder(src)

    expect(summary.filesFailed).toBe(0)
    expect(await diffDirs(src, dst, { modes: true, mtimes: true })).toEqual([])
    const stats = await lstat(join(dst, 'world-writable.txt'))
    expect((stats.mode & 0o777).toString(8)).toBe('666')
    expect(Math.round(stats.mtimeMs) - base).toBe(500)
  })

  it("reproduces a sparse file's content exactly", async () => {
    const src = join(await temp.make('src'), 'sparse')
    await mkdir(src)
    const size = 64 << 20
    await writeSparse(join(src, 'sparse.img'), size)

    const { dst, summary } = await copyFolder(src)

    expect(summary).toMatchObject({ state: 'done', filesDone: 1, bytesDone: size })
    expect(await diffDirs(src, dst)).toEqual([])
  })

  it('keeps the holes of a sparse file (does not allocate its 64 MiB of zeros)', async () => {
    // Not promised in words by the issue, but `cp` keeps holes by default and a disk image or VM file copied by a
    // serious copier should not balloon on the destination. Holes found at chunk granularity are fine: the bound is
    // an eighth of the file, far below the 64 MiB a hole-blind copy allocates.
    const size = 64 << 20
    const src = join(await temp.make('src'), 'sparse')
    await mkdir(src)
    await writeSparse(join(src, 'sparse.img'), size)
    const srcAllocated = (await lstat(join(src, 'sparse.img'))).blocks * 512
    expect(srcAllocated).toBeLessThan(1 << 20) // the source really is sparse on this filesystem

    const { dst } = await copyFolder(src)

    expect(await diffDirs(src, dst)).toEqual([])
    const dstAllocated = (await lstat(join(dst, 'sparse.img'))).blocks * 512
    expect(dstAllocated).toBeLessThanOrEqual(size / 8)
  })

  it('verifies a normal copy when asked and reports no failure', async () => {
    const src = join(await temp.make('src'), 'verified')
    await writeTree(src, {
      'big.bin': seededBytes(3 << 20, 8),
      'small.txt': 'small',
      'empty.txt': '',
      sub: { 'more.bin': seededBytes(123_457, 9) },
    })

    const { dst, summary, rec } = await copyFolder(src, { verify: true })

    expect(summary).toMatchObject({ state: 'done', filesDone: 4, filesFailed: 0 })
    expect(rec.results.map((result) => result.status)).toEqual(['done', 'done', 'done', 'done'])
    expect(await diffDirs(src, dst)).toEqual([])
  })

  it('does not hang on a FIFO in the source and still copies the regular files', async () => {
    const src = join(await temp.make('src'), 'with-fifo')
    await writeTree(src, { 'before.txt': 'before', 'after.txt': 'after', sub: { 'inner.txt': 'inner' } })
    await promisify(execFile)('mkfifo', [join(src, 'pipe')])

    const dst = join(await temp.make('dst'), 'copy')
    const finished = runJob(engine, { sources: [src], destination: dst })
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error('the job hung on the FIFO (a reader that opens it blocks forever)')),
        20_000,
      ),
    )
    const { summary } = await Promise.race([finished, timeout])

    expect(summary.state).toBe('done')
    expect(summary.filesDone).toBeGreaterThanOrEqual(3)
    for (const name of ['before.txt', 'after.txt', 'sub/inner.txt']) {
      expect((await lstat(join(dst, name))).isFile()).toBe(true)
    }
    // Whatever the engine does with the FIFO, it must not turn it into a regular file of made-up content.
    const pipe = await lstat(join(dst, 'pipe')).catch(() => undefined)
    expect(pipe?.isFile() ?? false).toBe(false)
    expect((await readdir(dst)).sort()).toEqual(
      pipe ? ['after.txt', 'before.txt', 'pipe', 'sub'] : ['after.txt', 'before.txt', 'sub'],
    )
  })
})

/** A file of `size` bytes with three small data islands and holes everywhere else. */
async function writeSparse(path: string, size: number): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.truncate(size)
    await handle.write(Buffer.from('head of the sparse file'), 0, undefined, 0)
    await handle.write(seededBytes(8192, 10), 0, undefined, 20 << 20)
    await handle.write(Buffer.from('tail'), 0, undefined, size - 4)
  } finally {
    await handle.close()
  }
}
