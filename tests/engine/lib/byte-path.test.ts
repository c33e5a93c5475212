import { describe, expect, it } from 'vitest'
import { bytePath, decodeEscaped, displayPath, isLossy } from '../../../src/engine/lib/byte-path'

const fromBytes = (bytes: number[]) => Buffer.from(bytes).toString('latin1') as ReturnType<typeof bytePath>

describe('BytePath text form (surrogateescape)', () => {
  it('reads UTF-8 names as themselves and round-trips them', () => {
    for (const name of ['plain.txt', 'café.txt', '日本語', 'emoji 🚀', 'real \ufffd.txt']) {
      const p = bytePath(`/d/${name}`)
      expect(displayPath(p)).toBe(`/d/${name}`)
      expect(isLossy(p)).toBe(false)
    }
  })

  it('keeps bytes that are not UTF-8 as lone surrogates, distinct from a real U+FFFD, and back to the same bytes', () => {
    const ff = fromBytes([0x2f, 0x78, 0xff]) // "/x\xff"
    const latin1 = fromBytes([...Buffer.from('caf'), 0xe9, ...Buffer.from('.txt')]) // "caf\xe9.txt"
    const truncated = fromBytes([0xe6, 0x97]) // a cut 3-byte sequence
    const overlong = fromBytes([0xc0, 0xaf])
    for (const p of [ff, latin1, truncated, overlong]) {
      const text = displayPath(p)
      expect(isLossy(p)).toBe(true)
      expect(bytePath(text)).toBe(p)
      expect(Buffer.from(text, 'utf8').toString()).toContain('\ufffd') // printed, it shows as U+FFFD
    }
    expect(displayPath(ff)).not.toBe(displayPath(bytePath('/x\ufffd')))
    expect(decodeEscaped(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\udcffb')
  })
})
