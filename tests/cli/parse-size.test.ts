import { describe, expect, it } from 'vitest'
import { parseSize } from '../../src/cli/parse-size'

describe('parseSize', () => {
  it.each([
    ['65536', 65536],
    ['1', 1],
    ['64KiB', 64 * 1024],
    ['64kib', 64 * 1024],
    ['64K', 64 * 1024],
    ['64k', 64 * 1024],
    ['64KB', 64_000],
    ['8MiB', 8 * 1024 ** 2],
    ['1M', 1024 ** 2],
    ['1MB', 1_000_000],
    ['1.5M', 1.5 * 1024 ** 2],
    ['2G', 2 * 1024 ** 3],
    ['1T', 1024 ** 4],
    ['512B', 512],
    [' 4 KiB ', 4096],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toEqual({ ok: true, bytes })
  })

  it.each(['', 'abc', '12Q', '1..5M', '-1', '-64KiB', '1e6', 'KiB', '64 MiBs', '0x10', '1,024', '64 K i B'])(
    'rejects junk %j with a message showing accepted forms',
    (text) => {
      const parsed = parseSize(text)
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) expect(parsed.message).toMatch(/64KiB/)
    },
  )

  it('rejects zero and sizes below one byte', () => {
    expect(parseSize('0')).toMatchObject({ ok: false, message: expect.stringMatching(/at least 1 byte/) })
    expect(parseSize('0.5')).toMatchObject({ ok: false })
  })

  it('rejects fractional byte counts instead of rounding them silently', () => {
    expect(parseSize('1.5')).toMatchObject({ ok: false, message: expect.stringMatching(/whole number/) })
    expect(parseSize('1.3K')).toMatchObject({ ok: false })
  })

  it('rejects sizes beyond exact integer range', () => {
    expect(parseSize('99999999T')).toMatchObject({ ok: false, message: expect.stringMatching(/too large/) })
  })
})
