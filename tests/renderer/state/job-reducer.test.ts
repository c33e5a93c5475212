import { describe, expect, it } from 'vitest'
import type { JobEvent, JobOptions } from '../../../src/shared/job'
import {
  initialJobViewState,
  jobReducer,
  type JobAction,
  type JobViewState,
} from '../../../src/renderer/src/state/job-reducer'
import { options, progress, question, started, summary } from '../helpers/fixtures'

const reduce = (state: JobViewState, ...actions: JobAction[]): JobViewState =>
  actions.reduce(jobReducer, state)
const event = (e: JobEvent): JobAction => ({ type: 'event', event: e })

function running(jobs: JobOptions[] = [options], kind: 'copy' | 'retry' = 'copy'): JobViewState {
  const s = reduce(initialJobViewState, { type: 'run-requested', kind, jobs })
  return reduce(s, { type: 'start-accepted', seq: s.launch!.seq, jobId: 'job-1' }, event(started()))
}

describe('jobReducer', () => {
  it('asks for the first job to be launched when a run is requested', () => {
    const s = reduce(initialJobViewState, { type: 'run-requested', kind: 'copy', jobs: [options] })
    expect(s.phase).toBe('starting')
    expect(s.launch).toEqual({ seq: 1, options })
    expect(s.run).toMatchObject({ id: 1, batches: 1, batch: 1 })
  })

  it('adopts the job whether the start answer or the started event comes first', () => {
    const a = running()
    const s0 = reduce(initialJobViewState, { type: 'run-requested', kind: 'copy', jobs: [options] })
    const b = reduce(s0, event(started()), { type: 'start-accepted', seq: 1, jobId: 'job-1' })
    for (const s of [a, b]) {
      expect(s).toMatchObject({ phase: 'running', jobId: 'job-1', options, launch: null })
    }
  })

  it('is pure: it never mutates the state it is given', () => {
    const s = running()
    const frozen = JSON.stringify(s)
    reduce(
      s,
      event({ type: 'progress', progress: progress({ bytesDone: 5 }) }),
      event({ type: 'conflict', question: question() }),
    )
    expect(JSON.stringify(s)).toBe(frozen)
  })

  it('keeps the latest snapshot of its own job and a speed history, ignoring other jobs', () => {
    let s = running()
    s = reduce(
      s,
      event({ type: 'progress', progress: progress({ bytesDone: 10, bytesPerSecond: 100, elapsedMs: 0 }) }),
      event({
        type: 'progress',
        progress: progress({ bytesDone: 20, bytesPerSecond: 300, elapsedMs: 1000 }),
      }),
      event({ type: 'progress', progress: progress({ jobId: 'other', bytesDone: 999 }) }),
    )
    expect(s.progress?.bytesDone).toBe(20)
    expect(s.speed.samples.map((x) => x.bytesPerSecond)).toEqual([100, 300])
  })

  it('shows a pause at once and keeps it until a snapshot confirms, so the button does not flicker', () => {
    let s = reduce(running(), { type: 'control-requested', verb: 'pause' })
    expect(s.pauseIntent).toBe('pause')
    s = reduce(s, event({ type: 'progress', progress: progress({ state: 'running' }) }))
    expect(s.pauseIntent).toBe('pause')
    s = reduce(s, event({ type: 'progress', progress: progress({ state: 'paused' }) }))
    expect(s.pauseIntent).toBeNull()
    expect(s.progress?.state).toBe('paused')
  })

  it('queues conflict questions once each and drops them when answered or when the job ends', () => {
    let s = reduce(
      running(),
      event({ type: 'conflict', question: question({ conflictId: 1 }) }),
      event({ type: 'conflict', question: question({ conflictId: 1 }) }),
      event({ type: 'conflict', question: question({ conflictId: 2 }) }),
      event({ type: 'conflict', question: question({ conflictId: 3, jobId: 'other' }) }),
    )
    expect(s.conflicts.map((q) => q.conflictId)).toEqual([1, 2])
    s = reduce(s, { type: 'conflict-answered', conflictId: 1 })
    expect(s.conflicts.map((q) => q.conflictId)).toEqual([2])
    s = reduce(s, event({ type: 'finished', summary: summary() }))
    expect(s.conflicts).toEqual([])
  })

  it('finishes with the summary, once, whether it came as an event or as the answer to cancel', () => {
    const done = summary({ state: 'cancelled', filesDone: 3 })
    const s = reduce(
      running(),
      { type: 'control-requested', verb: 'cancel' },
      event({ type: 'finished', summary: done }),
    )
    expect(s).toMatchObject({ phase: 'finished', summary: done, stopRequested: 'cancel' })
    expect(reduce(s, event({ type: 'finished', summary: done }))).toBe(s)
  })

  it('shows a refused start as an error and goes back to idle', () => {
    const s0 = reduce(initialJobViewState, { type: 'run-requested', kind: 'copy', jobs: [options] })
    const error = {
      code: 'SOURCE_MISSING' as const,
      message: 'Source /src/dir does not exist; check the path.',
    }
    const s = reduce(s0, { type: 'start-failed', seq: 1, error })
    expect(s).toMatchObject({ phase: 'idle', startError: error, launch: null })
  })

  it('ignores the answer to a start it no longer waits for', () => {
    const s = running()
    expect(reduce(s, { type: 'start-failed', seq: 99, error: { code: 'INTERNAL', message: 'x' } })).toBe(s)
  })

  it('runs a retry job by job and combines the summaries', () => {
    const jobs = [
      { sources: ['/s/a'], destination: '/d/a' },
      { sources: ['/s/b'], destination: '/d/b' },
    ]
    let s = running(jobs, 'retry')
    s = reduce(
      s,
      event({ type: 'finished', summary: summary({ filesDone: 1, bytesCopied: 10, durationMs: 100 }) }),
    )
    expect(s).toMatchObject({ phase: 'starting', jobId: null, launch: { options: jobs[1] } })
    expect(s.run).toMatchObject({ batch: 2, batches: 2 })
    s = reduce(
      s,
      event(started('job-2')),
      event({
        type: 'finished',
        summary: summary({ jobId: 'job-2', filesDone: 2, bytesCopied: 5, durationMs: 50 }),
      }),
    )
    expect(s.phase).toBe('finished')
    expect(s.summary).toMatchObject({ jobId: 'job-2', filesDone: 3, bytesCopied: 15, durationMs: 150 })
  })

  it('goes on with a retry when one of its jobs is refused, and remembers why', () => {
    const jobs = [
      { sources: ['/s/a'], destination: '/d/a' },
      { sources: ['/s/b'], destination: '/d/b' },
    ]
    const s0 = reduce(initialJobViewState, { type: 'run-requested', kind: 'retry', jobs })
    const error = { code: 'SOURCE_MISSING' as const, message: 'gone' }
    const s = reduce(s0, { type: 'start-failed', seq: 1, error })
    expect(s).toMatchObject({ phase: 'starting', launch: { seq: 2, options: jobs[1] } })
    expect(s.run?.refused).toEqual([error])
  })

  it('drops the rest of a retry once the user cancels', () => {
    const jobs = [
      { sources: ['/s/a'], destination: '/d/a' },
      { sources: ['/s/b'], destination: '/d/b' },
    ]
    let s = reduce(running(jobs, 'retry'), { type: 'control-requested', verb: 'cancel' })
    s = reduce(s, event({ type: 'finished', summary: summary({ state: 'cancelled' }) }))
    expect(s.phase).toBe('finished')
    expect(s.launch).toBeNull()
  })

  it('shows a job it did not start (a reloaded page catching up) as a new run', () => {
    const before = running()
    const s = reduce(before, event(started('job-9')))
    expect(s).toMatchObject({ phase: 'running', jobId: 'job-9' })
    expect(s.run!.id).toBe(before.run!.id + 1)
  })

  it('clears a failed control call when it says so, and forgets the intent', () => {
    const error = { code: 'INTERNAL' as const, message: 'lost' }
    let s = reduce(running(), { type: 'control-requested', verb: 'terminate' })
    s = reduce(s, { type: 'control-failed', verb: 'terminate', error })
    expect(s).toMatchObject({ notice: error, stopRequested: null })
    expect(reduce(s, { type: 'dismiss-notice' }).notice).toBeNull()
  })

  it('keeps a warning once', () => {
    const w = { code: 'DISK_FULL' as const, message: 'Not enough space' }
    const s = reduce(
      running(),
      event({ type: 'warning', jobId: 'job-1', warning: w }),
      event({ type: 'warning', jobId: 'job-1', warning: w }),
    )
    expect(s.warnings).toEqual([w])
  })
})
