/** Byte counts for people, shared by the engine's messages, the CLI and the renderer. Pure; no imports. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const

/**
 * Bytes in binary units with three significant digits: `0 B`, `999 B`, `1.00 KiB`, `12.3 MiB`, `512 MiB`,
 * `1.50 GiB`. Byte counts under 1 KiB are exact. Negative or non-finite input formats as `0 B`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  if (bytes < 1024) return `${Math.floor(bytes)} B`
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
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}
