import { describe, expect, it } from 'vitest'
import { formatBytes as formatSharedBytes } from '../../src/shared/format-bytes'
import {
  formatBytes,
  formatDuration,
  formatElapsed,
  formatRate,
  groupDigits,
  plural,
  truncateMiddle,
} from '../../src/cli/format'

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [512 * 1024 ** 3, '512 GiB'],
    [2.5 * 1024 ** 4, '2.50 TiB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it('shows unknown for negative or non-finite values', () => {
    expect(formatBytes(-1)).toBe('?')
    expect(formatBytes(Number.NaN)).toBe('?')
  })

  it('formats rates per second', () => {
    expect(formatRate(100 * 1024 ** 2)).toBe('100 MiB/s')
  })
})

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [7.4, '0:07'],
    [59.6, '1:00'],
    [754, '12:34'],
    [3723, '1:02:03'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })

  it('shows unknown ETAs as --:--', () => {
    expect(formatDuration(null)).toBe('--:--')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--')
  })
})

describe('formatElapsed', () => {
  it('shows tenths of a second for short jobs and m:ss beyond', () => {
    expect(formatElapsed(0.42)).toBe('0.4 s')
    expect(formatElapsed(9.94)).toBe('9.9 s')
    expect(formatElapsed(75)).toBe('1:15')
  })
})

describe('plural', () => {
  it('agrees with the count and groups thousands', () => {
    expect(plural(1, 'file')).toBe('1 file')
    expect(plural(0, 'file')).toBe('0 files')
    expect(plural(12345, 'file')).toBe('12,345 files')
  })
})

describe('truncateMiddle', () => {
  it('keeps short text unchanged', () => {
    expect(truncateMiddle('a/b.txt', 20)).toBe('a/b.txt')
  })

  it('keeps the start and the end (folder and extension) within the width', () => {
    const cut = truncateMiddle('photos/2024/holiday/IMG_0001.jpeg', 16)
    expect([...cut]).toHaveLength(16)
    expect(cut.startsWith('photos/')).toBe(true)
    expect(cut.endsWith('.jpeg')).toBe(true)
    expect(cut).toContain('…')
  })

  it('counts characters, not UTF-16 units, so names with emoji are not split mid-character', () => {
    const cut = truncateMiddle('😀😀😀😀😀😀😀😀😀😀', 5)
    expect([...cut]).toHaveLength(5)
    expect(cut).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u)
  })
})

// The CLI formats without Intl (its first formatter loads ICU's data, ~30 ms of start-up): the results must be what
// Intl says in en-US, for every size class and rounding edge.
describe('en-US without Intl', () => {
  const samples = [
    0,
    1,
    9,
    999,
    1000,
    1023,
    1024,
    1535,
    1536,
    10_239,
    10_240,
    102_399,
    1_048_575,
    1_048_576,
    5_000_000,
    1_073_741_823,
    2 ** 40 - 1,
    2 ** 50 * 3,
    123_456_789_012,
    Number.MAX_SAFE_INTEGER,
  ]
  const random = Array.from({ length: 2000 }, (_, i) =>
    Math.floor(Math.abs(Math.sin(i + 1)) * 10 ** (i % 16)),
  )

  it('formatBytes matches Intl.NumberFormat digit for digit', () => {
    // en-GB takes the Intl path and writes ungrouped fixed decimals exactly as en-US does.
    const viaIntl = (bytes: number): string => formatSharedBytes(bytes, 'en-GB')
    for (const bytes of [...samples, ...random])
      expect(formatSharedBytes(bytes, 'en-US'), String(bytes)).toBe(viaIntl(bytes))
  })

  it('groupDigits matches toLocaleString', () => {
    for (const n of [...samples, ...random, -1234567, -5])
      expect(groupDigits(n), String(n)).toBe(n.toLocaleString('en-US'))
    expect(groupDigits(1.5)).toBe((1.5).toLocaleString('en-US'))
  })
})
