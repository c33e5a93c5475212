import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../src/engine'
import { makeEngine } from '../helpers/engine'
import {
  closeEngine,
  expectCountsAddUp,
  pauseMidFile,
  startRecorded,
  terminateLeftoverJob,
  waitUntil,
  withTimeout,
} from '../helpers/job-run'
import { seededBytes, writePatternFile } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { diffTrees, hashFile, partialLookingNames, snapshotTree, type Tree, writeTree } from '../helpers/tree'

// "Skip this file" (issue 12): the file in flight stops, its temporary file goes, the rest of the job goes on.
const CHUNK = 64 << 10
const BIG = 96 << 20

let engine: CopyEngine
const temp = new TempDirs()
let src: string
let srcTree: Tree
let filesTotal: number

beforeAll(async () => {
  engine = makeEngine()
  src = join(await temp.make('src'), 'tree')
  const small = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`s-${i}.bin`, seededBytes(3000 + i, i)]),
  )
  await writeTree(src, { small, 'after.txt': 'after' })
  await writePatternFile(join(src, 'big.bin'), BIG, 7)
  srcTree = await snapshotTree(src)
  filesTotal = [...srcTree.values()].filter((entry) => entry.kind === 'file').length
})

afterEach(() => terminateLeftoverJob(engine))

afterAll(async () => {
  try {
    await closeEngine(engine)
  } finally {
    await temp.cleanup()
  }
})

/** The source tree without the skipped file. */
function withoutBig(): Tree {
  const expected = new Map(srcTree)
  expected.delete('big.bin')
  return expected
}

/** Every temporary file under `dir`, as names (the copy's own folder included). */
async function partialsUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[])
  return names.filter((name) => name.includes('.ferry-partial'))
}

describe('skip this file', () => {
  it('stops the file being copied, removes its partial, and copies every other file', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const bigSrc = join(src, 'big.bin')
    // A bandwidth limit keeps the big file in flight for ~10 s unless skipped (and checks a skip ends the wait).
    const { job, rec } = await startRecorded(engine, {
      sources: [src],
      destination: dst,
      chunkSize: CHUNK,
      bandwidthLimit: 10 << 20,
    })
    const entry = await waitUntil(
      () => job.progress().inFlight.find((file) => file.src === bigSrc && file.bytesDone > 0),
      'big.bin to start copying',
    )

    expect(job.skipFile(entry.id)).toBe(true)
    const summary = await withTimeout(job.done, 8_000, 'the job after the skip')

    expect(summary.state).toBe('done')
    expect(summary.filesSkipped).toBe(1)
    expect(summary.filesDone).toBe(filesTotal - 1)
    expectCountsAddUp(summary, filesTotal)
    const result = rec.resultFor(bigSrc)
    expect(result).toMatchObject({ status: 'skipped', skipReason: 'user-skipped' })
    const copied = await snapshotTree(dst)
    expect(partialLookingNames(copied)).toEqual([])
    expect(diffTrees(withoutBig(), copied)).toEqual([])
  })

  it('works while paused, without waiting for a resume', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const bigSrc = join(src, 'big.bin')
    const { job, rec } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
    const entry = await pauseMidFile(job, bigSrc)
    expect(await partialsUnder(dst)).not.toEqual([])

    expect(job.skipFile(entry.id)).toBe(true)
    // Still paused: the file leaves the in-flight list and its partial is removed.
    await waitUntil(
      async () =>
        !job.progress().inFlight.some((file) => file.id === entry.id) &&
        (await partialsUnder(dst)).length === 0,
      'the skipped file to stop while paused',
    )
    expect(job.progress().state).toBe('paused')
    job.resume()
    const summary = await withTimeout(job.done, 20_000, 'the job')

    expect(summary.state).toBe('done')
    expect(rec.resultFor(bigSrc)).toMatchObject({ status: 'skipped', skipReason: 'user-skipped' })
    expectCountsAddUp(summary, filesTotal)
    const copied = await snapshotTree(dst)
    expect(partialLookingNames(copied)).toEqual([])
    expect(diffTrees(withoutBig(), copied)).toEqual([])
  })

  it('answers false for a file that is not being copied, and after the end', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const { job } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
    expect(job.skipFile(1_000_000)).toBe(false)
    const summary = await withTimeout(job.done, 20_000, 'the job')
    expect(job.skipFile(0)).toBe(false)
    expect(summary.filesSkipped).toBe(0)
    expect(diffTrees(srcTree, await snapshotTree(dst))).toEqual([])
  })
})

describe('bandwidth limit', () => {
  it('holds the copy back, and a new limit takes effect while it runs', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const bigSrc = join(src, 'big.bin')
    // 1 KiB/s: after its first chunks (the bucket's burst), the next 64 KiB chunk is due a minute later.
    const { job } = await startRecorded(engine, {
      sources: [bigSrc],
      destination: dst,
      chunkSize: CHUNK,
      bandwidthLimit: 1024,
    })
    await waitUntil(
      () => job.progress().inFlight.find((file) => file.src === bigSrc && file.bytesDone > 0),
      'big.bin to start copying',
    )
    await new Promise((resolve) => setTimeout(resolve, 400))
    const held = job.progress().bytesDone
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThanOrEqual(2 * CHUNK)

    job.setBandwidthLimit(0)
    const summary = await withTimeout(job.done, 20_000, 'the job once the limit is lifted')
    expect(summary.state).toBe('done')
    const want = srcTree.get('big.bin')
    expect(want?.kind === 'file' && want.sha256).toBe(await hashFile(dst))
  })

  it('refuses a limit that is not a number of bytes per second', async () => {
    await expect(
      engine.start({ sources: [src], destination: join(await temp.make('dst'), 'x'), bandwidthLimit: 10 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('bandwidthLimit') })
  })
})
