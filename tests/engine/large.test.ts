import { lstat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../src/engine'
import { makeEngine } from '../helpers/engine'
import { closeEngine, runJob, terminateLeftoverJob } from '../helpers/job-run'
import { seededBytes, writePatternFile } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { diffDirs, hashFile, writeTree, type TreeSpec } from '../helpers/tree'

let engine: CopyEngine
const temp = new TempDirs()

beforeAll(() => {
  engine = makeEngine()
})

afterEach(() => terminateLeftoverJob(engine))

afterAll(async () => {
  try {
    await closeEngine(engine)
  } finally {
    await temp.cleanup() // the 1 GiB source and copy go with it
  }
})

describe('volume', () => {
  it('copies a 1 GiB file byte for byte, keeping its mode and mtime', async () => {
    const size = 1 << 30
    const srcDir = await temp.make('src')
    const src = join(srcDir, 'one-gibibyte.bin')
    const srcHash = await writePatternFile(src, size, 42) // every byte written: no holes to cheat with
    const mtimeMs = Date.UTC(2023, 8, 9, 8, 7, 6, 543)
    await utimes(src, mtimeMs / 1000, mtimeMs / 1000)
    const dstDir = await temp.make('dst')

    const { summary } = await runJob(engine, { sources: [src], destination: dstDir }, {}, 150_000)

    expect(summary).toMatchObject({ state: 'done', filesDone: 1, bytesDone: size, bytesTotal: size })
    const dst = join(dstDir, 'one-gibibyte.bin')
    const stats = await lstat(dst)
    expect(stats.size).toBe(size)
    expect(Math.abs(stats.mtimeMs - mtimeMs)).toBeLessThan(1)
    expect(stats.mode & 0o7777).toBe((await lstat(src)).mode & 0o7777)
    expect(await hashFile(dst)).toBe(srcHash)
  }, 180_000)

  it('copies 10,000 small files in 100 folders, all present, identical and counted', async () => {
    const src = join(await temp.make('src'), 'small-files')
    const spec: TreeSpec = {}
    for (let d = 0; d < 100; d += 1) {
      const folder: TreeSpec = {}
      for (let f = 0; f < 100; f += 1)
        folder[`file-${f}.dat`] = seededBytes(1 + (((d * 100 + f) * 37) % 8192), d * 100 + f)
      spec[`folder-${d}`] = folder
    }
    await writeTree(src, spec)
    const dst = join(await temp.make('dst'), 'copy')

    const { summary, rec } = await runJob(engine, { sources: [src], destination: dst }, {}, 150_000)

    expect(summary).toMatchObject({ state: 'done', filesDone: 10_000, filesFailed: 0, filesSkipped: 0 })
    expect(rec.results.filter((result) => result.status === 'done')).toHaveLength(10_000)
    expect(await diffDirs(src, dst)).toEqual([])
  }, 180_000)
})
