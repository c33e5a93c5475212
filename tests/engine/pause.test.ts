import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../src/engine'
import { makeEngine } from '../helpers/engine'
import { closeEngine, pauseMidFile, startRecorded, terminateLeftoverJob, waitUntil } from '../helpers/job-run'
import { seededBytes, writePatternFile } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { diffDirs, writeTree } from '../helpers/tree'

const CHUNK = 64 << 10

let engine: CopyEngine
const temp = new TempDirs()
let src: string

beforeAll(async () => {
  engine = makeEngine()
  src = join(await temp.make('src'), 'tree')
  await writeTree(src, { 'a.txt': 'a', sub: { 'b.bin': seededBytes(200_000, 1) } })
  await writePatternFile(join(src, 'big.bin'), 192 << 20, 3)
})

afterEach(() => terminateLeftoverJob(engine))

afterAll(async () => {
  try {
    await closeEngine(engine)
  } finally {
    await temp.cleanup()
  }
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('pause and resume', () => {
  it('stops all byte movement while paused and completes identically after resume', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const { job } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
    const big = join(src, 'big.bin')

    await pauseMidFile(job, big)
    const first = job.progress()
    await sleep(300)
    const second = job.progress()

    expect(first.state).toBe('paused')
    expect(second.state).toBe('paused')
    expect(second.bytesDone).toBe(first.bytesDone)
    expect(second.inFlight.find((file) => file.src === big)?.bytesDone).toBe(
      first.inFlight.find((file) => file.src === big)?.bytesDone,
    )
    expect(second.bytesDone).toBeLessThan(second.bytesTotal)

    job.resume()
    expect(job.progress().state).toBe('running')
    const summary = await job.done

    expect(summary).toMatchObject({
      state: 'done',
      filesDone: 3,
      filesFailed: 0,
      bytesDone: summary.bytesTotal,
    })
    expect(await diffDirs(src, dst)).toEqual([])
  })

  it('survives many pause/resume cycles mid-file', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const { job } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
    await waitUntil(() => job.progress().bytesDone > 0, 'the copy to start')

    for (let cycle = 0; cycle < 8; cycle += 1) {
      job.pause()
      job.pause() // idempotent
      await sleep(5)
      job.resume()
      job.resume()
      await sleep(5)
    }
    const summary = await job.done

    expect(summary).toMatchObject({ state: 'done', filesDone: 3 })
    expect(await diffDirs(src, dst)).toEqual([])
  })

  it('can be paused right after start and resumed later', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const { job } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
    job.pause()
    await sleep(300)
    const paused = job.progress()
    await sleep(200)

    expect(job.progress().bytesDone).toBe(paused.bytesDone)
    expect(paused.bytesDone).toBeLessThan(paused.bytesTotal)

    job.resume()
    const summary = await job.done
    expect(summary.state).toBe('done')
    expect(await diffDirs(src, dst)).toEqual([])
  })
})
