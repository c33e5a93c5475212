/**
 * File times at the precision Ferry can set them. Node's `futimes`/`utimes` take seconds as a double and libuv
 * truncates them to whole microseconds (`uv__fs_to_timespec`), while filesystems keep nanoseconds. So the copy's
 * mtime is the source's truncated to µs, and `newer` compares at µs: right after Ferry's own copy the two are equal.
 */

/** Nanoseconds in a microsecond. */
const NS_PER_US = 1000n

/**
 * Seconds to hand to `futimes` so that it sets exactly `ns` truncated to µs. A double near 1.7e9 s holds ~0.24 µs,
 * and libuv truncates: `x.123456` may arrive as `x.1234559999` and lose a µs. Aiming at the middle of the µs
 * (`+ 0.5 µs`) makes the truncation land on the intended µs.
 */
export function settableSeconds(ns: bigint): number {
  return (Number(floorUs(ns)) + 0.5) / 1e6
}

/** True when `sourceNs` is later than `existingNs` at the precision Ferry can set (µs). */
export function isNewerAtSettablePrecision(sourceNs: bigint, existingNs: bigint): boolean {
  return floorUs(sourceNs) > floorUs(existingNs)
}

function floorUs(ns: bigint): bigint {
  const us = ns / NS_PER_US
  return ns < 0n && ns % NS_PER_US !== 0n ? us - 1n : us
}
