/** Resume in the app (issue 13): a copy cut before its end is listed, and Start with its options continues it. */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { JobEvent } from '../../../src/shared/job'
import { createJobController } from '../../../src/main/ipc/job-controller'
import { makeEngine } from '../../helpers/engine'
import { closeEngine, waitUntil } from '../../helpers/job-run'
import { seededBytes } from '../../helpers/pattern-file'
import { TempDirs } from '../../helpers/temp-dirs'
import { diffDirs, writeTree } from '../../helpers/tree'

const engine = makeEngine()
const temp = new TempDirs()

afterAll(async () => {
  await closeEngine(engine)
  await temp.cleanup()
})

describe('interrupted copies in the app', () => {
  it('lists a terminated copy with its options; Start with them resumes it; Discard forgets one', async () => {
    const journals = join(await temp.make('state'), 'jobs')
    const events: JobEvent[] = []
    const jobs = createJobController(engine, (batch) => events.push(...batch), journals)
    const src = join(await temp.make('src'), 'album')
    const files: Record<string, Buffer> = {}
    for (let i = 0; i < 600; i++) files[`f${i}.bin`] = seededBytes(16 * 1024, i)
    await writeTree(src, files)
    const dst = await temp.make('dst')
    const options = { sources: [src], destination: dst, intoDestination: true, bandwidthLimit: 2 << 20 }

    const { jobId } = await jobs.start(options)
    const files0 = (): number => {
      const done = events.filter((e) => e.type === 'progress').at(-1)
      return done?.type === 'progress' ? done.progress.filesDone : 0
    }
    await waitUntil(() => files0() >= 100, '100 files done', 30_000)
    await new Promise((resolve) => setTimeout(resolve, 1200)) // the journal is flushed once a second
    await jobs.terminate(jobId)

    const listed = jobs.interrupted()
    expect(listed).toHaveLength(1)
    expect(listed[0]!.options).toMatchObject({ sources: [src], destination: dst, intoDestination: true })
    expect(listed[0]!.files).toBeGreaterThanOrEqual(100)

    events.length = 0
    const { bandwidthLimit: _limit, ...again } = listed[0]!.options
    await jobs.start(again)
    const started = await waitUntil(() => events.find((e) => e.type === 'started'), 'started')
    expect(started?.type === 'started' && started.runtime?.resumed?.files).toBe(listed[0]!.files)
    await waitUntil(() => events.some((e) => e.type === 'finished'), 'the resumed copy to end', 30_000)
    const finished = events.find((e) => e.type === 'finished')
    expect(finished?.type === 'finished' && finished.summary).toMatchObject({ state: 'done', filesFailed: 0 })
    expect(await diffDirs(src, join(dst, 'album'))).toEqual([])
    expect(jobs.interrupted()).toEqual([])
    expect(await readdir(journals)).toEqual([])

    // Discard: a cut copy's journal is deleted; its files stay.
    const other = join(await temp.make('dst'), 'x')
    const second = await jobs.start({ sources: [src], destination: other, bandwidthLimit: 1 << 20 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await jobs.terminate(second.jobId)
    const [cut] = jobs.interrupted()
    expect(cut).toBeDefined()
    jobs.discardInterrupted(cut!.id)
    expect(jobs.interrupted()).toEqual([])
  }, 90_000)
})
