import { getEventListeners } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AbortError, BoundedQueue, QueueEmpty, QueueFull } from '../../../src/engine/lib/bounded-queue'
import { flush, rejectionOf, stateOf } from './bounded-queue-helpers'

/** A queue of `maxsize` already holding `items`. */
function queueOf<T>(maxsize: number, ...items: T[]): BoundedQueue<T> {
  const queue = new BoundedQueue<T>(maxsize)
  for (const item of items) queue.putNowait(item)
  return queue
}

function drain<T>(queue: BoundedQueue<T>): T[] {
  const out: T[] = []
  while (!queue.empty()) out.push(queue.getNowait())
  return out
}

describe('BoundedQueue backpressure', () => {
  it('makes a producer wait while full and resume when a consumer gets', async () => {
    const queue = new BoundedQueue<number>(2)
    let putsDone = 0
    const producer = (async () => {
      for (let i = 0; i < 5; i++) {
        await queue.put(i)
        putsDone++
      }
    })()
    await flush()
    expect(putsDone).toBe(2)
    expect(queue.full()).toBe(true)
    await flush()
    expect(putsDone).toBe(2) // really waiting, not spinning ahead

    expect(await queue.get()).toBe(0)
    await flush()
    expect(putsDone).toBe(3)
    expect(queue.qsize()).toBe(2)

    const rest = [await queue.get(), await queue.get(), await queue.get(), await queue.get()]
    await producer
    expect(rest).toEqual([1, 2, 3, 4])
    expect(putsDone).toBe(5)
  })

  it("lets the first waiting putter's item in behind the others when an item is got", async () => {
    const queue = queueOf(2, 'a', 'b')
    const putC = queue.put('c')
    const putD = queue.put('d')
    expect(queue.getNowait()).toBe('a')
    expect(queue.qsize()).toBe(2)
    expect(queue.full()).toBe(true)
    expect(await stateOf(putC)).toBe('fulfilled')
    expect(await stateOf(putD)).toBe('pending')
    expect(queue.getNowait()).toBe('b')
    expect(await stateOf(putD)).toBe('fulfilled')
    expect(drain(queue)).toEqual(['c', 'd'])
  })

  it('does not let putNowait jump ahead of waiting putters', async () => {
    const queue = queueOf(1, 'a')
    const putB = queue.put('b')
    expect(() => queue.putNowait('x')).toThrow(QueueFull)
    expect(queue.getNowait()).toBe('a')
    await putB
    expect(drain(queue)).toEqual(['b'])
  })
})

describe('BoundedQueue fairness', () => {
  it('hands a put straight to the first waiting getter, in arrival order', async () => {
    const queue = new BoundedQueue<string>(1)
    const order: string[] = []
    const getters = ['g1', 'g2', 'g3'].map((name) =>
      queue.get().then((item) => order.push(`${name}:${item}`)),
    )
    await flush()
    queue.putNowait('a')
    expect(queue.qsize()).toBe(0) // handed over, not stored
    await queue.put('b', { timeoutMs: 0 }) // a waiting getter makes room even for a non-blocking put
    await queue.put('c')
    await Promise.all(getters)
    expect(order).toEqual(['g1:a', 'g2:b', 'g3:c'])
    expect(queue.empty()).toBe(true)
  })

  it('serves waiting putters in arrival order', async () => {
    const queue = queueOf(1, 'x0')
    const resolved: string[] = []
    const putters = ['x1', 'x2', 'x3'].map((item) => queue.put(item).then(() => resolved.push(item)))
    const got: string[] = []
    for (let i = 0; i < 4; i++) {
      got.push(await queue.get())
      await flush()
    }
    await Promise.all(putters)
    expect(got).toEqual(['x0', 'x1', 'x2', 'x3'])
    expect(resolved).toEqual(['x1', 'x2', 'x3'])
  })
})

describe('BoundedQueue timeouts (real timers)', () => {
  it('rejects a get with QueueEmpty after its timeout', async () => {
    const queue = new BoundedQueue<number>(1)
    const started = performance.now()
    const error = await rejectionOf(queue.get({ timeoutMs: 30 }))
    expect(error).toBeInstanceOf(QueueEmpty)
    expect(error.message).toMatch(/timed out after 30 ms/)
    expect(performance.now() - started).toBeGreaterThanOrEqual(28)
  })

  it('rejects a put with QueueFull after its timeout without adding the item', async () => {
    const queue = queueOf(1, 'kept')
    const started = performance.now()
    const error = await rejectionOf(queue.put('dropped', { timeoutMs: 30 }))
    expect(error).toBeInstanceOf(QueueFull)
    expect(performance.now() - started).toBeGreaterThanOrEqual(28)
    expect(queue.qsize()).toBe(1)
    expect(queue.getNowait()).toBe('kept')
    expect(queue.empty()).toBe(true)
    await expect(queue.get({ timeoutMs: 10 })).rejects.toBeInstanceOf(QueueEmpty)
  })

  it('forgets a timed-out getter: the next item stays for the next get', async () => {
    const queue = new BoundedQueue<string>(1)
    await expect(queue.get({ timeoutMs: 5 })).rejects.toBeInstanceOf(QueueEmpty)
    queue.putNowait('later')
    expect(queue.qsize()).toBe(1)
    expect(await queue.get()).toBe('later')
  })

  it('resolves a waiting get that receives an item before its timeout', async () => {
    const queue = new BoundedQueue<string>(1)
    const got = queue.get({ timeoutMs: 1000 })
    setTimeout(() => queue.putNowait('soon'), 10)
    expect(await got).toBe('soon')
  })
})

describe('BoundedQueue timeout races (fake timers)', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('a get due at the same moment as a put timeout, running first, lets the item in', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = queueOf(1, 'a')
    let got: string | undefined
    setTimeout(() => (got = queue.getNowait()), 10) // scheduled first, so it fires first
    const put = queue.put('b', { timeoutMs: 10 })
    vi.advanceTimersByTime(10)
    expect(got).toBe('a')
    expect(await stateOf(put)).toBe('fulfilled')
    expect(drain(queue)).toEqual(['b'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a put timeout firing before a get leaves the item out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = queueOf(1, 'a')
    const put = queue.put('b', { timeoutMs: 10 }) // its timer fires first
    let got: string | undefined
    setTimeout(() => (got = queue.getNowait()), 10)
    vi.advanceTimersByTime(10)
    expect(got).toBe('a')
    expect(await rejectionOf(put)).toBeInstanceOf(QueueFull)
    expect(queue.empty()).toBe(true)
  })

  it('a get timeout firing before a put leaves the item in the queue', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = new BoundedQueue<string>(1)
    const get = queue.get({ timeoutMs: 10 })
    setTimeout(() => queue.putNowait('x'), 10)
    vi.advanceTimersByTime(10)
    expect(await rejectionOf(get)).toBeInstanceOf(QueueEmpty)
    expect(drain(queue)).toEqual(['x'])
  })

  it('clears the timer and abort listener of a wait that settles normally', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = new BoundedQueue<string>(1)
    const controller = new AbortController()
    const get = queue.get({ timeoutMs: 60_000, signal: controller.signal })
    expect(vi.getTimerCount()).toBe(1)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    queue.putNowait('x')
    expect(await get).toBe('x')
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)

    queue.putNowait('full')
    const put = queue.put('y', { timeoutMs: 60_000, signal: controller.signal })
    queue.getNowait()
    await put
    expect(vi.getTimerCount()).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('removes the abort listener when the timeout fires, and the timer when the signal aborts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const queue = new BoundedQueue<string>(1)
    const signal = new AbortController().signal
    const timedOut = queue.get({ timeoutMs: 5, signal })
    vi.advanceTimersByTime(5)
    await expect(timedOut).rejects.toBeInstanceOf(QueueEmpty)
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)

    const controller = new AbortController()
    const aborted = queue.get({ timeoutMs: 60_000, signal: controller.signal })
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('BoundedQueue abort', () => {
  it('rejects at once on an already-aborted signal, even when it could proceed', async () => {
    const queue = new BoundedQueue<string>(2)
    const reason = new Error('user cancelled')
    const signal = AbortSignal.abort(reason)
    const waiting = queue.get()

    const putError = await rejectionOf(queue.put('x', { signal }))
    expect(putError).toBeInstanceOf(AbortError)
    expect(putError.name).toBe('AbortError')
    expect(putError.cause).toBe(reason)
    expect(await stateOf(waiting)).toBe('pending') // the waiting getter did not get 'x'

    queue.putNowait('y')
    expect(await waiting).toBe('y')
    queue.putNowait('z')
    expect((await rejectionOf(queue.get({ signal }))).cause).toBe(reason)
    expect(queue.getNowait()).toBe('z') // the aborted get took nothing
  })

  it('removes an aborted getter so the item goes to the next one', async () => {
    const queue = new BoundedQueue<string>(1)
    const controller = new AbortController()
    const first = queue.get({ signal: controller.signal })
    const second = queue.get()
    const reason = new Error('stop')
    controller.abort(reason)
    const error = await rejectionOf(first)
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' })
    expect(error.cause).toBe(reason)
    queue.putNowait('x')
    expect(await second).toBe('x')
    expect(queue.empty()).toBe(true)
  })

  it('removes an aborted putter so its item never enters', async () => {
    const queue = queueOf(1, 'a')
    const controller = new AbortController()
    const aborted = queue.put('never', { signal: controller.signal })
    const kept = queue.put('b')
    controller.abort()
    const error = await rejectionOf(aborted)
    expect(error.name).toBe('AbortError')
    // The default reason is itself a DOMException named AbortError.
    expect(error.cause).toMatchObject({ name: 'AbortError' })
    expect(queue.getNowait()).toBe('a')
    await kept
    expect(drain(queue)).toEqual(['b'])
  })

  it('ignores an abort that comes after the wait settled', async () => {
    const queue = new BoundedQueue<string>(1)
    const controller = new AbortController()
    const get = queue.get({ signal: controller.signal })
    queue.putNowait('x')
    controller.abort()
    expect(await get).toBe('x')
    expect(queue.empty()).toBe(true)
  })
})
