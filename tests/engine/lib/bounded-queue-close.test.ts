import { afterEach, describe, expect, it, vi } from 'vitest'
import { BoundedQueue, QueueClosed } from '../../../src/engine/lib/bounded-queue'
import { flush, rejectionOf, stateOf } from './bounded-queue-helpers'

describe('BoundedQueue close with waiters', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('wakes every waiting getter with QueueClosed and clears their timers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = new BoundedQueue<string>(2)
    const getters = [queue.get(), queue.get({ timeoutMs: 60_000 }), queue.get()]
    expect(await stateOf(getters[0]!)).toBe('pending')
    queue.close()
    for (const getter of getters) expect(await rejectionOf(getter)).toBeInstanceOf(QueueClosed)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('wakes waiting putters with QueueClosed without adding their items, and drains the rest', async () => {
    const queue = new BoundedQueue<string>(2)
    queue.putNowait('a')
    queue.putNowait('b')
    const putters = [queue.put('c'), queue.put('d', { timeoutMs: 60_000 })]
    queue.close()
    for (const putter of putters) expect(await rejectionOf(putter)).toBeInstanceOf(QueueClosed)
    expect(queue.qsize()).toBe(2)
    expect(await queue.get()).toBe('a')
    expect(queue.getNowait()).toBe('b')
    expect(await rejectionOf(queue.get())).toBeInstanceOf(QueueClosed)
  })
})

describe('BoundedQueue async iteration', () => {
  it('yields items in order and ends when the queue is closed and drained', async () => {
    const queue = new BoundedQueue<number>(2)
    const received: number[] = []
    const consumer = (async () => {
      for await (const item of queue) received.push(item)
    })()
    for (let i = 0; i < 10; i++) await queue.put(i)
    expect(await stateOf(consumer)).toBe('pending')
    queue.close()
    await consumer
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('yields items left in the queue after close, then ends', async () => {
    const queue = new BoundedQueue<string>(3)
    queue.putNowait('a')
    queue.putNowait('b')
    queue.close()
    const received: string[] = []
    for await (const item of queue) received.push(item)
    expect(received).toEqual(['a', 'b'])
  })

  it('leaves the remaining items in the queue when a loop breaks early', async () => {
    const queue = new BoundedQueue<number>(10)
    for (let i = 0; i < 6; i++) queue.putNowait(i)
    const received: number[] = []
    for await (const item of queue) {
      received.push(item)
      if (received.length === 3) break
    }
    expect(received).toEqual([0, 1, 2])
    expect(queue.qsize()).toBe(3)
    expect(queue.getNowait()).toBe(3)
  })

  it('shares items among concurrent consumers and producers: each one delivered exactly once', async () => {
    const queue = new BoundedQueue<string>(5)
    const producers = 4
    const perProducer = 250
    const consumers = Array.from({ length: 3 }, async (_, c) => {
      const received: string[] = []
      for await (const item of queue) {
        received.push(item)
        // Uneven processing time, so the consumers interleave differently.
        if ((received.length + c) % 3 === 0) await flush()
      }
      return received
    })
    const producing = Array.from({ length: producers }, async (_, p) => {
      for (let i = 0; i < perProducer; i++) {
        await queue.put(`${p}:${i}`)
        if (i % (p + 2) === 0) await flush()
      }
    })
    await Promise.all(producing)
    queue.close()
    const perConsumer = await Promise.all(consumers)

    const all = perConsumer.flat()
    expect(all).toHaveLength(producers * perProducer)
    expect(new Set(all).size).toBe(producers * perProducer)
    for (const received of perConsumer) {
      expect(received.length).toBeGreaterThan(0)
      // FIFO: every consumer sees each producer's items in the order they were put.
      for (let p = 0; p < producers; p++) {
        const seq = received
          .filter((item) => item.startsWith(`${p}:`))
          .map((item) => Number(item.split(':')[1]))
        expect(seq).toEqual([...seq].sort((a, b) => a - b))
      }
    }
    expect(queue.empty()).toBe(true)
  })
})
