import { lstat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine, CopyJob } from '../../src/engine'
import type { JobSummary } from '../../src/shared/job'
import { makeEngine } from '../helpers/engine'
import {
  closeEngine,
  expectCountsAddUp,
  type JobRecorder,
  pauseMidFile,
  runJob,
  startRecorded,
  terminateLeftoverJob,
  waitUntil,
} from '../helpers/job-run'
import { seededBytes, writePatternFile } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { diffDirs, partialLookingNames, snapshotTree, type Tree, writeTree } from '../helpers/tree'

/** Small chunks make a 192 MiB file take thousands of chunk boundaries: plenty of time to stop it mid-file. */
const CHUNK = 64 << 10
const BIG = 192 << 20

let engine: CopyEngine
const temp = new TempDirs()
let src: string
let srcTree: Tree
let filesTotal: number

beforeAll(async () => {
  engine = makeEngine()
  src = join(await temp.make('src'), 'mixed')
  const small = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`s-${i}.bin`, seededBytes(4096 + i, i)]),
  )
  await writeTree(src, { small, 'after.txt': 'after' })
  await writePatternFile(join(src, 'big-a.bin'), BIG, 1)
  await writePatternFile(join(src, 'big-b.bin'), BIG, 2)
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

/** Starts copying the mixed tree to a fresh `<dir>/copy` and stops the job mid-way through `big-a.bin`. */
async function startAndReachMidFile(
  pause: boolean,
): Promise<{ job: CopyJob; rec: JobRecorder; dst: string }> {
  const dst = join(await temp.make('dst'), 'copy')
  const { job, rec } = await startRecorded(engine, { sources: [src], destination: dst, chunkSize: CHUNK })
  const bigA = join(src, 'big-a.bin')
  if (pause) {
    const entry = await pauseMidFile(job, bigA)
    // A file being copied is never visible under its final name.
    await expect(lstat(entry.dst)).rejects.toMatchObject({ code: 'ENOENT' })
  } else {
    await waitUntil(
      () => job.progress().inFlight.find((file) => file.src === bigA && file.bytesDone > 0),
      'big-a.bin to start copying',
    )
  }
  return { job, rec, dst }
}

/**
 * The guarantees after a stop: no partial or temporary file anywhere, every file present is complete and identical
 * and reported done, every file reported cancelled is absent, and the counts add up.
 */
async function expectCleanStop(summary: JobSummary, rec: JobRecorder, dst: string): Promise<void> {
  const copied = await snapshotTree(dst)
  expect(partialLookingNames(copied)).toEqual([])
  const presentFiles = [...copied].filter(([, entry]) => entry.kind === 'file').map(([path]) => path)
  for (const path of presentFiles) {
    const want = srcTree.get(path)
    const got = copied.get(path)
    expect(
      want && got && want.kind === 'file' && got.kind === 'file' && want.sha256 === got.sha256,
      path,
    ).toBe(true)
  }
  const done = rec.results.filter((result) => result.status === 'done')
  const cancelled = rec.results.filter((result) => result.status === 'cancelled')
  expect(done.map((result) => result.dst).sort()).toEqual(presentFiles.map((path) => join(dst, path)).sort())
  expect(done).toHaveLength(summary.filesDone)
  expect(cancelled).toHaveLength(summary.filesCancelled)
  expect(cancelled.map((result) => result.src)).toContain(join(src, 'big-a.bin'))
  expectCountsAddUp(summary, filesTotal)
  expect(await finishedSummary(rec)).toEqual(summary)
}

/** The `finished` event's summary, which must match what cancel/terminate resolved with. */
async function finishedSummary(rec: JobRecorder): Promise<JobSummary | undefined> {
  const finished = rec.events.filter((event) => event.type === 'finished')
  expect(finished).toHaveLength(1)
  return finished[0]?.type === 'finished' ? finished[0].summary : undefined
}

describe('cancel', () => {
  it('stops mid-file while running: partial file removed, finished files kept intact', async () => {
    const { job, rec, dst } = await startAndReachMidFile(false)

    const started = performance.now()
    const summary = await job.cancel()
    const latencyMs = performance.now() - started

    expect(summary.state).toBe('cancelled')
    expect(summary.filesCancelled).toBeGreaterThanOrEqual(1)
    expect(latencyMs).toBeLessThan(2_000) // "at the next chunk boundary": 64 KiB chunks take microseconds
    await expectCleanStop(summary, rec, dst)
    expect(await job.done).toEqual(summary)
  })

  it('stops mid-file while paused, without waiting for a resume', async () => {
    const { job, rec, dst } = await startAndReachMidFile(true)

    const summary = await job.cancel()

    expect(summary.state).toBe('cancelled')
    await expectCleanStop(summary, rec, dst)
  })

  it('is idempotent, and after the end every control call is harmless', async () => {
    const { job } = await startAndReachMidFile(false)

    const [first, second] = await Promise.all([job.cancel(), job.cancel()])
    expect(second).toEqual(first)
    expect(await job.terminate()).toEqual(first)
    job.pause()
    job.resume()
    expect(await job.done).toEqual(first)
    expect(engine.current).toBeUndefined()
  })
})

describe('terminate', () => {
  it('stops mid-file at once: partial file removed, finished files kept, then a new job runs', async () => {
    const { job, rec, dst } = await startAndReachMidFile(false)

    const started = performance.now()
    const summary = await job.terminate()
    const latencyMs = performance.now() - started

    expect(summary.state).toBe('terminated')
    expect(summary.filesCancelled).toBeGreaterThanOrEqual(1)
    expect(latencyMs).toBeLessThan(1_000)
    await expectCleanStop(summary, rec, dst)

    // The engine replaces the destroyed threads: the next job copies everything.
    const again = join(await temp.make('dst'), 'again')
    const next = await runJob(engine, { sources: [src], destination: again })
    expect(next.summary).toMatchObject({ state: 'done', filesDone: filesTotal, filesFailed: 0 })
    expect(await diffDirs(src, again)).toEqual([])
  })

  it('stops a paused job too', async () => {
    const { job, rec, dst } = await startAndReachMidFile(true)

    const summary = await job.terminate()

    expect(summary.state).toBe('terminated')
    await expectCleanStop(summary, rec, dst)
  })
})

describe('after a completed job', () => {
  it('lets a new job start the moment the previous one has ended or been cancelled', async () => {
    const small = join(src, 'small')
    const [one, two, three] = await Promise.all(
      ['one', 'two', 'three'].map(async (name) => join(await temp.make('dst'), name)),
    )

    const first = await engine.start({ sources: [small], destination: one as string })
    await first.done
    // No await in between: a UI "copy again" button does exactly this.
    expect(engine.current).toBeUndefined()
    const second = await engine.start({ sources: [small], destination: two as string })
    expect((await second.done).state).toBe('done')

    const { job } = await startAndReachMidFile(false)
    await job.cancel()
    const third = await engine.start({ sources: [small], destination: three as string })
    expect((await third.done).state).toBe('done')
  })

  it('cancel resolves with the finished summary and changes nothing', async () => {
    const dst = join(await temp.make('dst'), 'copy')
    const { job, summary } = await runJob(engine, { sources: [join(src, 'small')], destination: dst })

    expect(summary.state).toBe('done')
    expect(await job.cancel()).toEqual(summary)
    expect(await diffDirs(join(src, 'small'), dst)).toEqual([])
  })
})
