/** Number formatting for the benchmark's log and report. Pure functions. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

/** `1536` → `"1.5 KiB"`. */
export function bytes(n: number): string {
  let value = n
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** Seconds with three significant digits: `0.243 s`, `1.52 s`, `12.3 s`. */
export function seconds(s: number): string {
  return `${s >= 100 ? s.toFixed(0) : s.toPrecision(3)} s`
}

/** Milliseconds, whole below 100 ms precision: `12.4 ms`, `230 ms`. */
export function millis(ms: number): string {
  return `${ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)} ms`
}

/** A ratio as `0.87×`. */
export function times(r: number): string {
  return `${r.toFixed(2)}×`
}

/** `20000` → `"20,000"`. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}
