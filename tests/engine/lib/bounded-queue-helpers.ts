/** Shared helpers for the BoundedQueue tests. */

export type PromiseState = 'pending' | 'fulfilled' | 'rejected'

/**
 * How `promise` stands once everything already queued has run (microtasks and one macrotask turn). Uses
 * `setImmediate`, so tests that fake timers fake only `setTimeout`/`clearTimeout`.
 */
export async function stateOf(promise: Promise<unknown>): Promise<PromiseState> {
  let state: PromiseState = 'pending'
  promise.then(
    () => (state = 'fulfilled'),
    () => (state = 'rejected'),
  )
  await new Promise((resolve) => setImmediate(resolve))
  return state
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** The error `promise` rejects with; fails the test if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject')
}

/** A small seeded PRNG (mulberry32): a seed repeats the random choices (real timers may still interleave differently). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
