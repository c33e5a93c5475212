/**
 * A job of a few small files runs on the calling thread (issue 10's start-up: starting worker threads costs more
 * than such a copy). It must be the same copy — identical bytes, durable, pause/cancel honoured — without a thread.
 */
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../src/engine'
import type { JobRuntimeInfo } from '../../src/shared/job'
import { makeEngine } from '../helpers/engine'
import { closeEngine, runJob, startRecorded, terminateLeftoverJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { TempDirs } from '../helpers/temp-dirs'
import { partialLookingNames, snapshotTree, type TreeEntry, writeTree } from '../helpers/tree'

let engine: CopyEngine
const temp = new TempDirs()
let src: string

beforeAll(async () => {
  src = await temp.make('src')
  await writeTree(src, {
    'note.txt': 'a small file\n',
    'photo.bin': seededBytes(3 << 20, 7),
    folder: { 'inside.txt': 'in a folder' },
  })
})

// A fresh engine per test: the thread count is of this process, and a pool started by an earlier test would stay.
afterEach(async () => {
  await terminateLeftoverJob(engine)
  await closeEngine(engine)
})

afterAll(() => temp.cleanup())

/** OS threads of this process (Linux), or undefined. */
function osThreads(): number | undefined {
  try {
    return readdirSync('/proc/self/task').length
  } catch {
    return undefined
  }
}

/** What a copy must keep of a file: its bytes, size and mode (times are checked by the fidelity tests). */
function essence(entry: TreeEntry | undefined): unknown {
  return entry?.kind === 'file' ? { size: entry.size, mode: entry.mode, sha256: entry.sha256 } : entry
}

function runtimeOf(events: { type: string }[]): JobRuntimeInfo | undefined {
  const started = events.find((event) => event.type === 'started') as { runtime?: JobRuntimeInfo } | undefined
  return started?.runtime
}

describe('a small job runs without worker threads', () => {
  it('copies two files identically and durably, and says why no thread was started', async () => {
    engine = makeEngine()
    // Let the libuv pool and the test's own threads exist before counting.
    await readFile(join(src, 'note.txt'))
    const before = osThreads()
    const dst = await temp.make('dst')
    const { summary, rec } = await runJob(engine, {
      sources: [join(src, 'note.txt'), join(src, 'photo.bin')],
      destination: dst,
      intoDestination: true,
    })
    expect(summary).toMatchObject({ state: 'done', filesDone: 2, durable: true })
    expect(runtimeOf(rec.events)).toMatchObject({
      threads: 0,
      threadsWhy: expect.stringMatching(/small job/),
    })
    if (before !== undefined) expect(osThreads()).toBe(before)
    const copy = await snapshotTree(dst)
    const source = await snapshotTree(src)
    expect(essence(copy.get('note.txt'))).toEqual(essence(source.get('note.txt')))
    expect(essence(copy.get('photo.bin'))).toEqual(essence(source.get('photo.bin')))
    expect(partialLookingNames(copy)).toEqual([])
  })

  it('waits out a pause asked before it starts, then copies', async () => {
    engine = makeEngine()
    const dst = join(await temp.make('dst'), 'photo.bin')
    const { job } = await startRecorded(engine, { sources: [join(src, 'photo.bin')], destination: dst })
    job.pause()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(job.progress()).toMatchObject({ state: 'paused', filesDone: 0 })
    expect(readdirSync(join(dst, '..'))).toEqual([])
    job.resume()
    expect(await job.done).toMatchObject({ state: 'done', filesDone: 1 })
    expect(essence((await snapshotTree(join(dst, '..'))).get('photo.bin'))).toEqual(
      essence((await snapshotTree(src)).get('photo.bin')),
    )
  })

  it('cancelled at once, leaves nothing behind', async () => {
    engine = makeEngine()
    const folder = await temp.make('dst')
    const { job } = await startRecorded(engine, {
      sources: [join(src, 'photo.bin')],
      destination: join(folder, 'p'),
    })
    const summary = await job.cancel()
    expect(summary.state).toBe('cancelled')
    // Either nothing (cancelled before the copy) or the whole file: never a partial.
    const left = await snapshotTree(folder)
    expect(partialLookingNames(left)).toEqual([])
    if (left.has('p'))
      expect(essence(left.get('p'))).toEqual(essence((await snapshotTree(src)).get('photo.bin')))
  })

  it('a folder still gets worker threads', async () => {
    engine = makeEngine()
    const { summary, rec } = await runJob(engine, {
      sources: [join(src, 'folder')],
      destination: join(await temp.make('dst'), 'f'),
    })
    expect(summary.state).toBe('done')
    expect(runtimeOf(rec.events)?.threads).toBeGreaterThan(0)
  })
})
