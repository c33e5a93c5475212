import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine, CopyJob } from '../../src/engine'
import { makeEngine } from '../helpers/engine'
import { closeEngine, pauseMidFile, startRecorded, terminateLeftoverJob } from '../helpers/job-run'
import { writePatternFile } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { hashFile, partialLookingNames, snapshotTree } from '../helpers/tree'

const CHUNK = 64 << 10
const NEW_SIZE = 192 << 20
const OLD_SIZE = 96 << 20

let engine: CopyEngine
const temp = new TempDirs()
let src: string
let newHash: string

beforeAll(async () => {
  engine = makeEngine()
  src = join(await temp.make('src'), 'data.bin')
  newHash = await writePatternFile(src, NEW_SIZE, 11)
})

afterEach(() => terminateLeftoverJob(engine))

afterAll(async () => {
  try {
    await closeEngine(engine)
  } finally {
    await temp.cleanup()
  }
})

/**
 * Puts an old `data.bin` (other content, other size) in a fresh destination folder, starts overwriting it and
 * pauses mid-file. While paused, the old file must still be whole: overwrite never truncates before the new copy is
 * complete.
 */
async function overwriteAndPauseMidFile(): Promise<{
  job: CopyJob
  dstDir: string
  target: string
  oldHash: string
}> {
  const dstDir = await temp.make('dst')
  const target = join(dstDir, 'data.bin')
  const oldHash = await writePatternFile(target, OLD_SIZE, 22)
  const { job } = await startRecorded(engine, {
    sources: [src],
    destination: dstDir,
    onConflict: 'overwrite',
    chunkSize: CHUNK,
  })
  await pauseMidFile(job, src)
  expect(await hashFile(target)).toBe(oldHash)
  expect((await lstat(target)).size).toBe(OLD_SIZE)
  return { job, dstDir, target, oldHash }
}

describe('overwrite is never torn', () => {
  it('keeps the old file whole when the overwrite is cancelled mid-file', async () => {
    const { job, dstDir, target, oldHash } = await overwriteAndPauseMidFile()

    const summary = await job.cancel()

    expect(summary).toMatchObject({ state: 'cancelled', filesCancelled: 1, filesDone: 0 })
    expect(await hashFile(target)).toBe(oldHash)
    expect([...(await snapshotTree(dstDir)).keys()]).toEqual(['data.bin'])
  })

  it('keeps the old file whole when the overwrite is terminated mid-file', async () => {
    const { job, dstDir, target, oldHash } = await overwriteAndPauseMidFile()

    const summary = await job.terminate()

    expect(summary).toMatchObject({ state: 'terminated', filesCancelled: 1, filesDone: 0 })
    expect(await hashFile(target)).toBe(oldHash)
    const left = await snapshotTree(dstDir)
    expect(partialLookingNames(left)).toEqual([])
    expect([...left.keys()]).toEqual(['data.bin'])
  })

  it('replaces the old file with the complete new content once resumed', async () => {
    const { job, dstDir, target } = await overwriteAndPauseMidFile()

    job.resume()
    const summary = await job.done

    expect(summary).toMatchObject({ state: 'done', filesDone: 1, bytesDone: NEW_SIZE })
    expect((await lstat(target)).size).toBe(NEW_SIZE)
    expect(await hashFile(target)).toBe(newHash)
    expect([...(await snapshotTree(dstDir)).keys()]).toEqual(['data.bin'])
  })
})
