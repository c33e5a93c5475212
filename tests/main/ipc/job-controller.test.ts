import { describe, expect, it } from 'vitest'
import { createJobController } from '../../../src/main/ipc/job-controller'
import type { JobEvent } from '../../../src/shared/job'
import { FakeEngine, snapshotOf } from './fake-engine'

const options = { sources: ['/s'], destination: '/d', onConflict: 'ask' as const }
const question = {
  conflictId: 1,
  name: 'a',
  source: { path: '/s/a', size: 1, mtimeMs: 1 },
  existing: { path: '/d/s/a', size: 2, mtimeMs: 2 },
}

describe('job controller', () => {
  it('replays started, the newest progress and the open question to a late renderer, nothing once ended', async () => {
    const engine = new FakeEngine()
    const sent: JobEvent[] = []
    const jobs = createJobController(engine, (events) => sent.push(...events))
    expect(jobs.replay()).toEqual([])
    await jobs.start(options)
    const job = engine.current!
    job.hooks.onEvent?.({ type: 'progress', progress: snapshotOf(job.id, 10) })
    job.hooks.onEvent?.({ type: 'progress', progress: snapshotOf(job.id, 20) })
    void job.ask(question)
    expect(jobs.replay().map((event) => event.type)).toEqual(['started', 'progress', 'conflict'])
    expect(jobs.replay()[1]).toMatchObject({ progress: { bytesDone: 20 } })
    expect(jobs.running).toBe(true)

    await jobs.stop()
    expect(job.calls).toEqual(['cancel'])
    await Promise.resolve()
    expect(jobs.running).toBe(false)
    expect(jobs.replay()).toEqual([])
    expect(sent.at(-1)).toMatchObject({ type: 'finished', summary: { state: 'cancelled' } })
  })

  it('closes a question the engine withdrew (job cancelled) so a late answer is refused', async () => {
    const engine = new FakeEngine()
    const jobs = createJobController(engine, () => {})
    await jobs.start(options)
    const job = engine.current!
    const abort = new AbortController()
    const asked = job.ask(question, abort.signal)
    abort.abort(new Error('job cancelled'))
    await expect(asked).rejects.toThrow('job cancelled')
    expect(() =>
      jobs.answerConflict({ jobId: job.id, conflictId: 1, answer: { choice: 'skip', applyToAll: false } }),
    ).toThrow(/is not open/)
  })

  it('stop() without a job resolves at once', async () => {
    const jobs = createJobController(new FakeEngine(), () => {})
    await expect(jobs.stop()).resolves.toBeUndefined()
  })
})
