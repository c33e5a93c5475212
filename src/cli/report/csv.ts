/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF; a field holding a comma, a double
 * quote, a CR or LF, or leading or trailing spaces is put in double quotes, with each quote inside doubled. Nothing
 * else is changed: text is written as UTF-8 as it is (names that are not UTF-8 arrive with U+FFFD in them).
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One field, quoted when it must be. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return ''
  const text = String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, with its CRLF. */
export function csvRecord(fields: ReadonlyArray<string | number | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`
}
