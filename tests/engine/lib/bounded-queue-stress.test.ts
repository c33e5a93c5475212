import { describe, expect, it } from 'vitest'
import {
  AbortError,
  BoundedQueue,
  QueueClosed,
  QueueEmpty,
  QueueFull,
  type WaitOptions,
} from '../../../src/engine/lib/bounded-queue'
import { seededRandom } from './bounded-queue-helpers'

interface Item {
  producer: number
  seq: number
}

/** Random wait options: no wait, a short timeout, no limit, or a signal that aborts soon. */
function randomWait(random: () => number): WaitOptions {
  const roll = random()
  if (roll < 0.15) return { timeoutMs: 0 }
  if (roll < 0.55) return { timeoutMs: Math.floor(random() * 4) }
  if (roll < 0.75) return { signal: AbortSignal.timeout(1 + Math.floor(random() * 3)) }
  if (roll < 0.85) return { timeoutMs: 2, signal: AbortSignal.timeout(2) } // both fire together
  return {}
}

/** The failures a random wait may legitimately end with; anything else fails the test. */
function isGiveUp(error: unknown): boolean {
  return error instanceof QueueFull || error instanceof QueueEmpty || error instanceof AbortError
}

/**
 * Producers put numbered items with random timeouts and aborts, retrying the same item after a give-up; consumers
 * get with random timeouts and aborts until the queue is closed and drained. Returns what was accepted and
 * delivered, in delivery order.
 */
async function run(options: {
  seed: number
  maxsize: number
  producers: number
  perProducer: number
  consumers: number
  /** Close the queue from a consumer once this many items were delivered. */
  closeAfterDelivered?: number
}) {
  const random = seededRandom(options.seed)
  const queue = new BoundedQueue<Item>(options.maxsize)
  const accepted: Item[] = []
  const delivered: Item[] = []
  let giveUps = 0

  const producing = Array.from({ length: options.producers }, async (_, producer) => {
    for (let seq = 0; seq < options.perProducer;) {
      const item = { producer, seq }
      try {
        await queue.put(item, randomWait(random))
        accepted.push(item)
        seq++
      } catch (error) {
        if (error instanceof QueueClosed) return
        if (!isGiveUp(error)) throw error
        giveUps++
      }
    }
  })
  const consuming = Array.from({ length: options.consumers }, async () => {
    for (;;) {
      try {
        delivered.push(await queue.get(randomWait(random)))
        queue.taskDone()
        if (delivered.length === options.closeAfterDelivered) queue.close()
      } catch (error) {
        if (error instanceof QueueClosed) return
        if (!isGiveUp(error)) throw error
        giveUps++
      }
    }
  })

  await Promise.all(producing)
  if (options.closeAfterDelivered === undefined) {
    await queue.join() // every accepted item was got and marked done
    queue.close()
  }
  await Promise.all(consuming)
  return { queue, accepted, delivered, giveUps }
}

/** Items are conserved: everything accepted is delivered once, nothing else is, and each producer's order holds. */
function expectConserved(accepted: Item[], delivered: Item[]): void {
  const key = (item: Item) => `${item.producer}:${item.seq}`
  const deliveredKeys = delivered.map(key)
  expect(new Set(deliveredKeys).size).toBe(deliveredKeys.length) // no duplicates
  expect([...deliveredKeys].sort()).toEqual(accepted.map(key).sort()) // none lost, none invented
  const lastSeq = new Map<number, number>()
  for (const item of delivered) {
    expect(item.seq).toBeGreaterThan(lastSeq.get(item.producer) ?? -1)
    lastSeq.set(item.producer, item.seq)
  }
}

describe('BoundedQueue under load', () => {
  it.each([1, 2, 3])(
    'conserves items with many producers, consumers, timeouts and aborts (seed %i)',
    async (seed) => {
      const options = { seed, maxsize: 3, producers: 8, perProducer: 150, consumers: 5 }
      const { queue, accepted, delivered, giveUps } = await run(options)
      expect(accepted).toHaveLength(options.producers * options.perProducer)
      expectConserved(accepted, delivered)
      expect(giveUps).toBeGreaterThan(0) // the random timeouts and aborts really happened
      expect(queue.qsize()).toBe(0)
    },
  )

  it('conserves items when the queue is closed while producers and consumers are busy', async () => {
    const options = {
      seed: 7,
      maxsize: 2,
      producers: 6,
      perProducer: 200,
      consumers: 4,
      closeAfterDelivered: 500,
    }
    const { queue, accepted, delivered } = await run(options)
    expect(accepted.length).toBeGreaterThan(0)
    expect(accepted.length).toBeLessThan(options.producers * options.perProducer) // closed mid-run
    expectConserved(accepted, delivered)
    expect(queue.qsize()).toBe(0)
  })
})
