import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventThrottle } from '../../../src/main/ipc/event-throttle'
import type { FileResult, JobEvent } from '../../../src/shared/job'
import { snapshotOf, summaryOf } from './fake-engine'

const file = (id: number): FileResult => ({
  id,
  name: `f${id}`,
  src: `/s/f${id}`,
  dst: `/d/f${id}`,
  size: 1,
  kind: 'file',
  status: 'done',
})

afterEach(() => {
  vi.useRealTimers()
})

describe('event throttle', () => {
  it('sends at most 20 progress events and 20 file batches a second however fast the engine emits', () => {
    vi.useFakeTimers()
    const sent: JobEvent[] = []
    const throttle = createEventThrottle((event) => sent.push(event), 20)
    // 10,000 files finishing over 2 s, each with its own progress snapshot: far more than the renderer should see.
    for (let i = 0; i < 10_000; i++) {
      throttle.push({ type: 'files', jobId: 'j', results: [file(i)] })
      throttle.push({ type: 'progress', progress: snapshotOf('j', i, 10_000) })
      vi.advanceTimersByTime(0.2)
    }
    vi.advanceTimersByTime(100)
    const progress = sent.filter((event) => event.type === 'progress')
    const batches = sent.filter((event) => event.type === 'files')
    expect(progress.length).toBeGreaterThanOrEqual(30)
    expect(progress.length).toBeLessThanOrEqual(2 * 20 + 1)
    expect(batches.length).toBeLessThanOrEqual(2 * 20 + 1)
    // Nothing is lost: every result arrives once, in order, and the last snapshot is the newest.
    const ids = batches.flatMap((event) => (event.type === 'files' ? event.results.map((r) => r.id) : []))
    expect(ids).toEqual([...Array(10_000).keys()])
    expect(progress.at(-1)).toMatchObject({ progress: { bytesDone: 9_999 } })
    throttle.dispose()
  })

  it('sends pending results and the last snapshot before finished, and other events at once', () => {
    vi.useFakeTimers()
    const sent: JobEvent[] = []
    const throttle = createEventThrottle((event) => sent.push(event), 20)
    throttle.push({ type: 'started', jobId: 'j', options: { sources: ['/s'], destination: '/d' } })
    throttle.push({ type: 'files', jobId: 'j', results: [file(1)] })
    throttle.push({ type: 'progress', progress: snapshotOf('j', 50) })
    throttle.push({ type: 'warning', jobId: 'j', warning: { code: 'IO_ERROR', message: 'w' } })
    throttle.push({ type: 'files', jobId: 'j', results: [file(2)] })
    throttle.push({ type: 'progress', progress: snapshotOf('j', 100) })
    throttle.push({ type: 'finished', summary: summaryOf('j', 'done') })
    expect(sent.map((event) => event.type)).toEqual([
      'started',
      'files',
      'warning',
      'files',
      'progress',
      'finished',
    ])
    expect(sent[4]).toMatchObject({ progress: { bytesDone: 100 } })
    vi.advanceTimersByTime(1000)
    expect(sent).toHaveLength(6)
    throttle.dispose()
  })

  it('keeps one batch of 200,000 results without overflowing the stack', () => {
    vi.useFakeTimers()
    const sent: JobEvent[] = []
    const throttle = createEventThrottle((event) => sent.push(event), 20)
    const results = Array.from({ length: 200_000 }, (_, i) => file(i))
    throttle.push({ type: 'files', jobId: 'j', results })
    throttle.push({ type: 'files', jobId: 'j', results })
    vi.advanceTimersByTime(60)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ type: 'files' })
    if (sent[0]?.type === 'files') expect(sent[0].results).toHaveLength(400_000)
  })
})
