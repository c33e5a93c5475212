import { describe, expect, it } from 'vitest'
import {
  ETA_MAX_FACTOR_PER_SECOND,
  ETA_SLACK_S,
  holdEta,
  smoothEta,
  type EtaEstimate,
} from '../../../src/renderer/src/lib/eta'
import { formatDuration } from '../../../src/renderer/src/lib/format'

/** Feeds raw estimates one snapshot apart and returns what the window would show after each. */
function shown(raws: Array<number | null>, stepMs: number): number[] {
  let eta: EtaEstimate | null = null
  return raws.map((raw, i) => {
    eta = smoothEta(eta, raw, i * stepMs)
    return eta?.seconds ?? NaN
  })
}

describe('smoothEta', () => {
  it('does not jump like "1 s, 2 min 18 s, 0 s" when the raw estimate does', () => {
    const raws = [20, 1, 138, 0, 20, 19, 138, 1, 17]
    const out = shown(raws, 1000)
    for (let i = 1; i < out.length; i++) {
      const [before, after] = [out[i - 1]!, out[i]!]
      // One second of job time passed between two snapshots: one second counted down, then a bounded change.
      const predicted = Math.max(0, before - 1)
      expect(after, `step ${i}`).toBeLessThanOrEqual(predicted * ETA_MAX_FACTOR_PER_SECOND + ETA_SLACK_S)
      expect(after, `step ${i}`).toBeGreaterThanOrEqual(predicted / ETA_MAX_FACTOR_PER_SECOND)
    }
    // What a person reads: never "0 s" while work is left, never minutes after seconds.
    expect(out.map(formatDuration)).not.toContain('0 s')
    expect(Math.max(...out)).toBeLessThan(60)
  })

  it('counts down by itself when the raw estimate agrees, and ignores small disagreements', () => {
    const out = shown([60, 59.2, 57.9, 57.1, 55.8], 1000)
    expect(out).toEqual([60, 59, 58, 57, 56])
  })

  it('follows a lasting change of speed within a few seconds', () => {
    const out = shown([100, ...Array<number>(30).fill(10)], 1000)
    expect(out[out.length - 1]!).toBeLessThan(12)
    expect(out[out.length - 1]!).toBeGreaterThan(5)
  })

  it('keeps counting down without a raw estimate and stays put while held (paused)', () => {
    let eta = smoothEta(null, 30, 0)
    eta = smoothEta(eta, null, 2000)
    expect(eta).toEqual({ seconds: 28, atMs: 2000 })
    eta = holdEta(eta, 60_000)
    expect(eta).toEqual({ seconds: 28, atMs: 60_000 })
    expect(smoothEta(eta, 28, 61_000)?.seconds).toBe(27)
    expect(smoothEta(null, null, 0)).toBeNull()
    expect(smoothEta(null, Number.NaN, 0)).toBeNull()
  })
})
