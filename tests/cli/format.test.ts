import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatDuration,
  formatElapsed,
  formatRate,
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
