import { describe, expect, it } from 'vitest'
import { AbortError, BoundedQueue } from '../../../src/engine/lib/bounded-queue'
import { flush, rejectionOf, stateOf } from './bounded-queue-helpers'

describe('BoundedQueue taskDone / join', () => {
  it('resolves join at once when nothing is outstanding', async () => {
    const queue = new BoundedQueue<number>(2)
    expect(await stateOf(queue.join())).toBe('fulfilled')
    queue.putNowait(1)
    queue.getNowait()
    queue.taskDone()
    expect(await stateOf(queue.join())).toBe('fulfilled')
  })

  it('waits until every item put was got and marked done', async () => {
    const queue = new BoundedQueue<number>(3)
    for (let i = 0; i < 3; i++) queue.putNowait(i)
    const joins = [queue.join(), queue.join()]
    for (let i = 0; i < 3; i++) queue.getNowait()
    expect(await stateOf(joins[0]!)).toBe('pending') // got, but not done
    queue.taskDone()
    queue.taskDone()
    expect(await stateOf(joins[0]!)).toBe('pending')
    queue.taskDone()
    for (const join of joins) expect(await stateOf(join)).toBe('fulfilled')
  })

  it('counts items handed straight to waiting getters and items that waited to be put', async () => {
    const queue = new BoundedQueue<string>(1)
    const got = queue.get()
    await queue.put('direct')
    expect(await got).toBe('direct')
    queue.putNowait('stored')
    const waitingPut = queue.put('waited')
    const join = queue.join()
    queue.taskDone() // 'direct'
    expect(queue.getNowait()).toBe('stored')
    queue.taskDone()
    await waitingPut
    expect(await stateOf(join)).toBe('pending') // 'waited' is in the queue
    expect(queue.getNowait()).toBe('waited')
    expect(await stateOf(join)).toBe('pending')
    queue.taskDone()
    expect(await stateOf(join)).toBe('fulfilled')
  })

  it('throws a RangeError when taskDone is called more times than items were got', () => {
    const queue = new BoundedQueue<number>(2)
    expect(() => queue.taskDone()).toThrow(RangeError)
    queue.putNowait(1)
    queue.putNowait(2)
    expect(() => queue.taskDone()).toThrow(/more times than items were got/) // put, but not got yet
    queue.getNowait()
    queue.taskDone()
    expect(() => queue.taskDone()).toThrow(RangeError)
  })

  it('rejects a join whose signal aborts, before or during the wait', async () => {
    const queue = new BoundedQueue<number>(1)
    queue.putNowait(1)
    const reason = new Error('gave up')
    expect((await rejectionOf(queue.join({ signal: AbortSignal.abort(reason) }))).cause).toBe(reason)
    const controller = new AbortController()
    const join = queue.join({ signal: controller.signal })
    controller.abort(reason)
    const error = await rejectionOf(join)
    expect(error).toBeInstanceOf(AbortError)
    expect(error.cause).toBe(reason)
    queue.getNowait()
    queue.taskDone() // the aborted joiner is gone; this must not touch it
    expect(await stateOf(queue.join())).toBe('fulfilled')
  })

  it('lets a producer wait for workers to process everything (the JoinableQueue pattern)', async () => {
    const queue = new BoundedQueue<number>(4)
    const processed: number[] = []
    const workers = Array.from({ length: 3 }, async () => {
      for await (const item of queue) {
        await flush() // "work"
        processed.push(item)
        queue.taskDone()
      }
    })
    for (let i = 0; i < 50; i++) await queue.put(i)
    await queue.join()
    expect(processed.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    queue.close()
    await Promise.all(workers)
  })
})
