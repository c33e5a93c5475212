import { describe, expect, it } from 'vitest'
import { createEventFrames } from '../../../src/main/ipc/event-frames'
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

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('event frames', () => {
  it('sends the events of one engine tick as one frame, in order, losing none', async () => {
    const frames: JobEvent[][] = []
    const batcher = createEventFrames((events) => frames.push(events))
    for (let tick = 0; tick < 3; tick++) {
      batcher.push({ type: 'files', jobId: 'j', results: [file(2 * tick), file(2 * tick + 1)] })
      batcher.push({ type: 'progress', progress: snapshotOf('j', tick) })
      expect(frames).toHaveLength(tick) // nothing is sent inside the tick
      await nextTurn()
    }
    expect(frames.map((frame) => frame.map((e) => e.type))).toEqual([
      ['files', 'progress'],
      ['files', 'progress'],
      ['files', 'progress'],
    ])
    const ids = frames.flat().flatMap((e) => (e.type === 'files' ? e.results.map((r) => r.id) : []))
    expect(ids).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('sends finished at once, with whatever its tick carried before it', () => {
    const frames: JobEvent[][] = []
    const batcher = createEventFrames((events) => frames.push(events))
    batcher.push({ type: 'progress', progress: snapshotOf('j', 100) })
    batcher.push({ type: 'finished', summary: summaryOf('j', 'done') })
    expect(frames.map((frame) => frame.map((e) => e.type))).toEqual([['progress', 'finished']])
  })

  it('drops what is pending on dispose', async () => {
    const frames: JobEvent[][] = []
    const batcher = createEventFrames((events) => frames.push(events))
    batcher.push({ type: 'progress', progress: snapshotOf('j', 1) })
    batcher.dispose()
    await nextTurn()
    expect(frames).toEqual([])
  })
})
