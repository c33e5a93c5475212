import { mkdir, readdir, rm, statfs } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../src/engine'
import { makeEngine } from '../helpers/engine'
import { closeEngine, expectCountsAddUp, runJob, terminateLeftoverJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { mountTmpfs, type TmpfsMount } from '../helpers/tmpfs'
import { partialLookingNames, snapshotTree, type Tree, writeTree } from '../helpers/tree'

const MiB = 1 << 20
const DISK = 8 * MiB

let engine: CopyEngine
const temp = new TempDirs()
let disk: TmpfsMount

beforeAll(async () => {
  engine = makeEngine()
  const mountPoint = join(await temp.make('full'), 'disk')
  await mkdir(mountPoint)
  disk = await mountTmpfs(mountPoint, DISK)
})

afterEach(() => terminateLeftoverJob(engine))

afterAll(async () => {
  try {
    await closeEngine(engine)
  } finally {
    if (disk.ok) await disk.unmount()
    await temp.cleanup()
  }
})

/** The mounted small disk, emptied; or skips the test with the reason the mount failed. */
async function smallDisk(skip: (note: string) => never): Promise<string> {
  if (!disk.ok) skip(disk.reason)
  for (const name of await readdir(disk.dir)) await rm(join(disk.dir, name), { recursive: true, force: true })
  return disk.dir
}

/** Bytes in use on the small disk (tmpfs counts every page a file holds, partial files included). */
async function usedBytes(dir: string): Promise<number> {
  const stats = await statfs(dir)
  return (stats.blocks - stats.bfree) * stats.bsize
}

/** Every regular file present under `copy` is identical to its source under `srcTree`. */
function expectPresentFilesIdentical(srcTree: Tree, copy: Tree): void {
  for (const [path, entry] of copy) {
    if (entry.kind !== 'file') continue
    const want = srcTree.get(path)
    expect(want?.kind === 'file' && want.sha256 === entry.sha256, `${path} is identical to its source`).toBe(
      true,
    )
  }
}

describe('disk full on a small tmpfs', () => {
  it('fails the file that cannot fit with DISK_FULL, naming it, and keeps the files that fit intact', async (ctx) => {
    const dir = await smallDisk(ctx.skip)
    const src = join(await temp.make('src'), 'payload')
    await writeTree(src, {
      'a.bin': seededBytes(1 * MiB, 1),
      'b.bin': seededBytes(2 * MiB, 2),
      'huge.bin': seededBytes(12 * MiB, 3),
      sub: { 'c.bin': seededBytes(1 * MiB, 4), 'd.txt': 'small' },
    })
    const srcTree = await snapshotTree(src)

    // One thread: files are copied one after another, so every file that fits on its own really fits.
    const { summary, rec } = await runJob(engine, { sources: [src], destination: dir, threads: 1 })

    const huge = rec.resultFor(join(src, 'huge.bin'))
    expect(huge).toMatchObject({ status: 'failed', error: { code: 'DISK_FULL' } })
    expect(huge.error?.message).toMatch(/huge\.bin/)
    expect(summary).toMatchObject({ state: 'done', filesDone: 4, filesFailed: 1 })
    expect(summary.failures.map((failure) => failure.src)).toEqual([join(src, 'huge.bin')])
    const copy = await snapshotTree(join(dir, 'payload'))
    expect([...copy.keys()]).toEqual(['a.bin', 'b.bin', 'sub', 'sub/c.bin', 'sub/d.txt'])
    expectPresentFilesIdentical(srcTree, copy)
    // No hidden leftover either: what the disk holds is about what the four copied files need.
    expect(await usedBytes(dir)).toBeLessThan(4 * MiB + 512 * 1024)
  })

  it('with many small files: each one either copied whole or failed with DISK_FULL, none partial', async (ctx) => {
    const dir = await smallDisk(ctx.skip)
    const src = join(await temp.make('src'), 'many')
    const files = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`f-${i}.bin`, seededBytes(64 * 1024, i)]),
    )
    await writeTree(src, files) // 12.5 MiB for an 8 MiB disk
    const srcTree = await snapshotTree(src)

    const { summary, rec } = await runJob(engine, { sources: [src], destination: dir })

    expect(summary.state).toBe('done')
    expect(summary.filesDone).toBeGreaterThan(0)
    expect(summary.filesFailed).toBeGreaterThan(0)
    expectCountsAddUp(summary, 200)
    const copy = await snapshotTree(join(dir, 'many'))
    expect(partialLookingNames(copy)).toEqual([])
    expectPresentFilesIdentical(srcTree, copy)
    const results = rec.results
    const failed = results.filter((result) => result.status === 'failed')
    expect(failed.every((result) => result.error?.code === 'DISK_FULL')).toBe(true)
    expect(failed.every((result) => result.error?.message.includes(result.name))).toBe(true)
    const done = results.filter((result) => result.status === 'done').map((result) => result.dst)
    expect(done.sort()).toEqual([...copy.keys()].map((name) => join(dir, 'many', name)).sort())
  })

  it('copies every small file that fits once a large file that filled the disk for a moment has failed', async (ctx) => {
    const dir = await smallDisk(ctx.skip)
    const src = join(await temp.make('src'), 'mixed')
    // Two threads: the large file fills the disk while the small ones are written beside it, and they met a full
    // disk too (the first run in issue 12 #18 copied 0 of them; a retry then copied them all at once).
    const small = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`s-${i}.bin`, seededBytes(8 * 1024, i)]),
    )
    await writeTree(src, { 'huge.bin': seededBytes(12 * MiB, 999), ...small })
    const srcTree = await snapshotTree(src)

    const { summary, rec } = await runJob(engine, {
      sources: [src],
      destination: dir,
      threads: 2,
      chunkSize: 64 * 1024,
    })

    expect(rec.resultFor(join(src, 'huge.bin'))).toMatchObject({
      status: 'failed',
      error: { code: 'DISK_FULL' },
    })
    expect(summary).toMatchObject({ state: 'done', filesDone: 300, filesFailed: 1 })
    const copy = await snapshotTree(join(dir, 'mixed'))
    expect(partialLookingNames(copy)).toEqual([])
    expect([...copy.keys()].length).toBe(300)
    expectPresentFilesIdentical(srcTree, copy)
  })

  it('warns when the sources are larger than the free space', async (ctx) => {
    const dir = await smallDisk(ctx.skip)
    const srcRoot = await temp.make('src')
    const folder = join(srcRoot, 'too-big')
    await writeTree(folder, { 'x.bin': seededBytes(6 * MiB, 1), 'y.bin': seededBytes(6 * MiB, 2) })
    const single = join(srcRoot, 'single.bin')
    await writeTree(srcRoot, { 'single.bin': seededBytes(10 * MiB, 3) })

    // A single file's size is known before any walk: pre-flight itself warns.
    const forFile = await engine.preflight({ sources: [single], destination: dir })
    expect(forFile.warnings.map((warning) => warning.code)).toContain('DISK_FULL')
    // Its size is the whole of it, not a partial count of a walk still going.
    expect(forFile.warnings.find((w) => w.code === 'DISK_FULL')?.message).not.toContain('so far')
    // A folder's size is known once walked: the warning may come from pre-flight or during the job.
    const forFolder = await engine.preflight({ sources: [folder], destination: dir })
    expect(await readdir(dir)).toEqual([])
    const { summary, rec } = await runJob(engine, { sources: [folder], destination: dir })
    const warned = [
      ...forFolder.warnings,
      ...summary.warnings,
      ...rec.events.flatMap((event) => (event.type === 'warning' ? [event.warning] : [])),
    ]
    expect(warned.map((warning) => warning.code)).toContain('DISK_FULL')
    const during = rec.events.flatMap((event) => (event.type === 'warning' ? [event.warning] : []))
    for (const warning of during) expect(warning.message).toContain('so far') // the walk was still counting
  })
})
