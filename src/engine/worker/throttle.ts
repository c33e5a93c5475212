/**
 * The bandwidth limit on the JS side: the same token bucket (GCRA) as the native core's `fc_throttle`
 * (native/src/fc_control.c), over the same shared words (protocol.ts `THROTTLE_*`), so JS and native workers of a
 * job share one limit. A share of `bytes` costs bytes / rate seconds: it is booked after the bucket's theoretical
 * arrival time (TAT) or, after an idle spell, no earlier than {@link BURST_NS} before now, and may go once its booking
 * ends within {@link BURST_NS} of now. Every worker together moves `rate` bytes a second, bursting one BURST's worth
 * at most. The wait sleeps on the control word, so pause, cancel, terminate and a skip (the main thread notifies it)
 * end it at once; a changed rate ends it too (the main thread resets the TAT).
 */
import { isMainThread } from 'node:worker_threads'
import { CONTROL_STATE, RUN, THROTTLE_RATE, THROTTLE_TAT } from '../protocol'

export const BURST_NS = 50_000_000n
const SLICE_MS = 50

/**
 * Charges `bytes` and waits until they are due. `now` is the clock of the shared words (the native core's
 * CLOCK_MONOTONIC when it is loaded); `skipRequested` ends the wait early. Never waits on the main thread (a small
 * job copied inline is not limited: blocking the event loop would stall the whole process).
 */
export function throttle(
  words: BigInt64Array,
  control: Int32Array,
  bytes: number,
  now: () => bigint,
  skipRequested: () => boolean,
): void {
  if (bytes <= 0 || isMainThread) return
  const rate = Atomics.load(words, THROTTLE_RATE)
  if (rate <= 0n) return
  const cost = BigInt(Math.round((bytes * 1e9) / Number(rate)))
  const start = now()
  let tat = Atomics.load(words, THROTTLE_TAT)
  let booked: bigint
  for (;;) {
    booked = (tat > start - BURST_NS ? tat : start - BURST_NS) + cost
    const seen = Atomics.compareExchange(words, THROTTLE_TAT, tat, booked)
    if (seen === tat) break
    tat = seen
  }
  for (;;) {
    const wait = booked - BURST_NS - now()
    if (wait <= 0n) return
    if (Atomics.load(words, THROTTLE_RATE) !== rate || skipRequested()) return
    if (Atomics.load(control, CONTROL_STATE) !== RUN) return // the caller's checkpoint handles the control word
    Atomics.wait(control, CONTROL_STATE, RUN, Math.min(SLICE_MS, Math.ceil(Number(wait) / 1e6)))
  }
}

/** Sets a job's limit (bytes per second, 0 for none) and restarts its bucket; waiting workers re-book at once. */
export function setRate(words: BigInt64Array, bytesPerSecond: number): void {
  Atomics.store(words, THROTTLE_RATE, BigInt(Math.max(0, Math.floor(bytesPerSecond))))
  Atomics.store(words, THROTTLE_TAT, 0n)
}
