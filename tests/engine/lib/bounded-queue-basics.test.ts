import { describe, expect, it } from 'vitest'
import { BoundedQueue, QueueClosed, QueueEmpty, QueueFull } from '../../../src/engine/lib/bounded-queue'
import { rejectionOf } from './bounded-queue-helpers'

describe('BoundedQueue construction', () => {
  it.each([0, -1, 1.5, NaN, -Infinity, '3' as unknown as number])(
    'rejects maxsize %s with a RangeError',
    (bad) => {
      expect(() => new BoundedQueue(bad)).toThrow(RangeError)
      expect(() => new BoundedQueue(bad)).toThrow(/positive integer or Infinity/)
    },
  )

  it('accepts a positive integer or Infinity and exposes it', () => {
    expect(new BoundedQueue(1).maxsize).toBe(1)
    expect(new BoundedQueue(Infinity).maxsize).toBe(Infinity)
  })
})

describe('BoundedQueue without waiting', () => {
  it('keeps FIFO order and exact counts up to maxsize', () => {
    const queue = new BoundedQueue<string>(3)
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([0, true, false])
    queue.putNowait('a')
    queue.putNowait('b')
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([2, false, false])
    queue.putNowait('c')
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([3, false, true])
    expect(() => queue.putNowait('d')).toThrow(QueueFull)
    expect(queue.qsize()).toBe(3)
    expect([queue.getNowait(), queue.getNowait(), queue.getNowait()]).toEqual(['a', 'b', 'c'])
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([0, true, false])
    expect(() => queue.getNowait()).toThrow(QueueEmpty)
  })

  it('carries undefined and null as ordinary items', () => {
    const queue = new BoundedQueue<undefined | null>(2)
    queue.putNowait(undefined)
    queue.putNowait(null)
    expect(queue.qsize()).toBe(2)
    expect(queue.getNowait()).toBeUndefined()
    expect(queue.getNowait()).toBeNull()
    expect(() => queue.getNowait()).toThrow(QueueEmpty)
  })

  it('is never full when unbounded and keeps order across many items', () => {
    const queue = new BoundedQueue<number>(Infinity)
    const out: number[] = []
    let next = 0
    // Uneven put/get rounds make the internal array advance, compact and empty several times.
    for (const [puts, gets] of [
      [3000, 2000],
      [5000, 10],
      [1, 5000],
      [2500, 1500],
    ] as const) {
      for (let i = 0; i < puts; i++) queue.putNowait(next++)
      expect(queue.full()).toBe(false)
      for (let i = 0; i < gets; i++) out.push(queue.getNowait())
    }
    while (!queue.empty()) out.push(queue.getNowait())
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i))
  })

  it('fails put and get at once when timeoutMs is 0, changing nothing', async () => {
    const queue = new BoundedQueue<number>(1)
    expect(await rejectionOf(queue.get({ timeoutMs: 0 }))).toBeInstanceOf(QueueEmpty)
    await queue.put(1, { timeoutMs: 0 })
    expect(await rejectionOf(queue.put(2, { timeoutMs: 0 }))).toBeInstanceOf(QueueFull)
    expect(queue.qsize()).toBe(1)
    expect(await queue.get({ timeoutMs: 0 })).toBe(1)
    expect(queue.empty()).toBe(true)
  })

  it('changes state synchronously when put and get need not wait', () => {
    const queue = new BoundedQueue<number>(2)
    void queue.put(1)
    expect(queue.qsize()).toBe(1)
    void queue.get()
    expect(queue.qsize()).toBe(0)
  })

  it.each([-1, NaN, 2 ** 31, -Infinity])(
    'rejects timeoutMs %s with a RangeError and adds nothing',
    async (bad) => {
      const queue = new BoundedQueue<number>(2)
      expect(await rejectionOf(queue.put(1, { timeoutMs: bad }))).toBeInstanceOf(RangeError)
      expect(queue.qsize()).toBe(0)
      queue.putNowait(2)
      expect(await rejectionOf(queue.get({ timeoutMs: bad }))).toBeInstanceOf(RangeError)
      expect(queue.qsize()).toBe(1)
    },
  )

  it('gives its errors stable names and codes', () => {
    const cases = [
      [new QueueFull(), 'QueueFull', 'QUEUE_FULL'],
      [new QueueEmpty(), 'QueueEmpty', 'QUEUE_EMPTY'],
      [new QueueClosed(), 'QueueClosed', 'QUEUE_CLOSED'],
    ] as const
    for (const [error, name, code] of cases) {
      expect(error).toBeInstanceOf(Error)
      expect(error.name).toBe(name)
      expect(error.code).toBe(code)
      expect(error.message).not.toBe('')
    }
    const queue = new BoundedQueue<number>(1)
    queue.putNowait(1)
    expect(() => queue.putNowait(2)).toThrow(expect.objectContaining({ code: 'QUEUE_FULL' }))
  })
})

describe('BoundedQueue close without waiters', () => {
  it('refuses puts, drains what is left, then reports closed', async () => {
    const queue = new BoundedQueue<number>(3)
    queue.putNowait(1)
    queue.putNowait(2)
    expect(queue.closed).toBe(false)
    queue.close()
    queue.close() // idempotent
    expect(queue.closed).toBe(true)
    expect(() => queue.putNowait(3)).toThrow(QueueClosed)
    expect(await rejectionOf(queue.put(3))).toBeInstanceOf(QueueClosed)
    expect(queue.qsize()).toBe(2)
    expect(queue.getNowait()).toBe(1)
    expect(await queue.get()).toBe(2)
    expect(() => queue.getNowait()).toThrow(QueueClosed)
    expect(await rejectionOf(queue.get())).toBeInstanceOf(QueueClosed)
    expect(await rejectionOf(queue.get({ timeoutMs: 0 }))).toBeInstanceOf(QueueClosed)
  })
})
