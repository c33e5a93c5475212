import { describe, expect, it } from 'vitest'
import {
  EMPTY_SPEED_HISTORY,
  averageSpeed,
  isCounting,
  rawEtaSeconds,
  fileFraction,
  filesProcessed,
  overallFraction,
  overallPercent,
  pushSpeedSample,
  type SpeedHistory,
} from '../../../src/renderer/src/lib/progress'
import { progress as snapshot } from '../helpers/fixtures'

describe('overall progress', () => {
  it('measures by bytes', () => {
    const p = snapshot({ bytesDone: 250, bytesTotal: 1000, filesDone: 9, filesTotal: 10 })
    expect(overallFraction(p)).toBe(0.25)
    expect(overallPercent(p)).toBe(25)
  })

  it('falls back to files when there are no bytes (empty files, symlinks)', () => {
    const p = snapshot({ filesDone: 2, filesSkipped: 1, filesFailed: 1, filesTotal: 8 })
    expect(filesProcessed(p)).toBe(4)
    expect(overallFraction(p)).toBe(0.5)
  })

  it('never claims 100 % before the job is done, and always does when it is', () => {
    expect(overallPercent(snapshot({ bytesDone: 1000, bytesTotal: 1000 }))).toBe(99)
    expect(overallPercent(snapshot({ state: 'done', bytesDone: 0, bytesTotal: 0 }))).toBe(100)
    expect(overallFraction(snapshot())).toBe(0)
  })

  it('gives an empty file in flight half a bar and clamps the rest', () => {
    expect(fileFraction({ size: 0, bytesDone: 0 })).toBe(0.5)
    expect(fileFraction({ size: 200, bytesDone: 50 })).toBe(0.25)
    expect(fileFraction({ size: 200, bytesDone: 500 })).toBe(1)
  })
})

describe('rawEtaSeconds', () => {
  it("uses the engine's estimate when it has one", () => {
    expect(rawEtaSeconds(snapshot({ etaSeconds: 80 }))).toBe(80)
  })

  it('falls back to bytes left at the current speed', () => {
    expect(rawEtaSeconds(snapshot({ bytesDone: 100, bytesTotal: 1100, bytesPerSecond: 50 }))).toBe(20)
  })

  it('says nothing while counting (the total is partial), without speed, while paused, or when nothing is left', () => {
    const counting = snapshot({ scanning: true, etaSeconds: 5, bytesTotal: 1100, bytesPerSecond: 50 })
    expect(isCounting(counting)).toBe(true)
    expect(rawEtaSeconds(counting)).toBeNull()
    expect(rawEtaSeconds(snapshot({ bytesTotal: 10 }))).toBeNull()
    expect(rawEtaSeconds(snapshot({ state: 'paused', etaSeconds: 5 }))).toBeNull()
    expect(rawEtaSeconds(snapshot({ bytesDone: 10, bytesTotal: 10, bytesPerSecond: 5 }))).toBeNull()
  })
})

describe('speed history', () => {
  it('keeps samples at least one step apart', () => {
    let h: SpeedHistory = EMPTY_SPEED_HISTORY
    h = pushSpeedSample(h, { elapsedMs: 0, bytesPerSecond: 1 })
    const same = pushSpeedSample(h, { elapsedMs: 100, bytesPerSecond: 2 })
    expect(same).toBe(h)
    h = pushSpeedSample(h, { elapsedMs: 300, bytesPerSecond: 3 })
    expect(h.samples.map((s) => s.bytesPerSecond)).toEqual([1, 3])
  })

  it('halves its resolution instead of growing past the limit, keeping the whole job', () => {
    let h: SpeedHistory = EMPTY_SPEED_HISTORY
    for (let i = 0; i < 1000; i++) h = pushSpeedSample(h, { elapsedMs: i * 1000, bytesPerSecond: i }, 16)
    expect(h.samples.length).toBeLessThanOrEqual(16)
    expect(h.samples[0]!.elapsedMs).toBe(0)
    expect(h.samples[h.samples.length - 1]!.elapsedMs).toBeGreaterThan(900_000)
    expect(h.stepMs).toBeGreaterThan(EMPTY_SPEED_HISTORY.stepMs)
  })

  it('averages the bytes really written over the whole job', () => {
    expect(averageSpeed({ bytesCopied: 2000, durationMs: 500 })).toBe(4000)
    expect(averageSpeed({ bytesCopied: 2000, durationMs: 0 })).toBe(0)
  })

  it('averages over the time really spent copying when it is known (not paused, not asking)', () => {
    expect(averageSpeed({ bytesCopied: 2000, durationMs: 10_000 }, 1000)).toBe(2000)
    expect(averageSpeed({ bytesCopied: 2000, durationMs: 500 }, 0)).toBe(4000)
  })
})
