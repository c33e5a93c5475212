/** Byte counts for people, shared by the engine's messages, the CLI and the renderer. Pure; no imports. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

const numberFormats = new Map<string, Intl.NumberFormat>()

/** What {@link numberFormat} needs: `format`. */
interface FixedFormat {
  format(value: number): string
}

/**
 * en-US, the CLI's and the engine's, without Intl: the first Intl formatter of a process loads ICU's data, ~30 ms of
 * a CLI run's start-up. Ungrouped fixed decimals in en-US are exactly `toFixed` (a test checks it against Intl).
 */
const EN_US: readonly FixedFormat[] = [0, 1, 2].map((digits) => ({
  format: (value) => value.toFixed(digits),
}))

/** A cached fixed-decimals, ungrouped number format (`1023 B`, not `1,023 B`, so sizes keep their width). */
function numberFormat(locale: string, digits: number): FixedFormat {
  if (locale === 'en-US' && EN_US[digits]) return EN_US[digits]

  const key = `${locale}/${digits}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    })
    numberFormats.set(key, format)
  }
  return format
}

/**
 * Bytes in binary units with three significant digits: `0 B`, `999 B`, `1.00 KiB`, `12.3 MiB`, `512 MiB`,
 * `1.50 GiB`. Byte counts under 1 KiB are exact. Negative or non-finite input formats as `0 B`. The number is
 * written in `locale` (`en-US`, the CLI's and the engine's, unless given: the window passes its UI's locale); the
 * units are the IEC symbols in every language.
 */
export function formatBytes(bytes: number, locale = 'en-US'): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return `${numberFormat(locale, 0).format(0)} B`
  if (bytes < 1024) return `${numberFormat(locale, 0).format(Math.floor(bytes))} B`
  let unit = 0
  let value = bytes
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
  // Rounding can carry into the next unit (1023.9 KiB → "1024 KiB"): step up instead.
  if (Number(value.toFixed(digits)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
    digits = 2
  }
  // toFixed first: Intl rounds half away from zero where toFixed works on the binary value; keep the CLI's digits.
  return `${numberFormat(locale, digits).format(Number(value.toFixed(digits)))} ${UNITS[unit]}`
}
