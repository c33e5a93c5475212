import { describe, expect, it } from 'vitest'
import { csvField, csvRecord } from '../../src/cli/report/csv'

describe('CSV quoting (RFC 4180)', () => {
  it('leaves plain fields alone', () => {
    expect(csvField('photos/a.jpg')).toBe('photos/a.jpg')
    expect(csvField(42)).toBe('42')
    expect(csvField(undefined)).toBe('')
  })

  it('quotes commas, quotes (doubled), CR, LF and edge spaces', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('line\nbreak')).toBe('"line\nbreak"')
    expect(csvField('cr\rhere')).toBe('"cr\rhere"')
    expect(csvField(' lead')).toBe('" lead"')
    expect(csvField('trail ')).toBe('"trail "')
  })

  it('keeps names that are not UTF-8 as displayed (U+FFFD), unquoted', () => {
    expect(csvField('bad\uFFFDname')).toBe('bad\uFFFDname')
  })

  it('ends a record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', undefined, 3])).toBe('a,"b,c",,3\r\n')
  })
})
