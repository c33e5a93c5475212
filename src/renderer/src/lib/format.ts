/**
 * Human formatting for the job view: binary units, speeds, durations and counts. Pure and locale-stable (English
 * UI text, `en-US` digit grouping) so numbers keep their width and tests stay deterministic; dates use the
 * user's locale because people read dates in their own format.
 */

import { formatBytes } from '../../../shared/format-bytes'

export { formatBytes }

const countFormat = new Intl.NumberFormat('en-US')

/** A speed in bytes per second as `12.3 MiB/s`; zero or unknown as `—`. */
export function formatSpeed(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '—'
  return `${formatBytes(bytesPerSecond)}/s`
}

/**
 * A duration for people, with at most two units and no false precision: `0 s`, `45 s`, `1 min 20 s`,
 * `12 min`, `1 h 5 min`, `2 d 3 h`. Under ten minutes seconds are shown; above, they would only flicker.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—'
  const total = Math.round(seconds)
  if (total < 60) return `${total} s`
  if (total < 600) {
    const s = total % 60
    return s === 0 ? `${Math.floor(total / 60)} min` : `${Math.floor(total / 60)} min ${s} s`
  }
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  if (minutes < 24 * 60) {
    const m = minutes % 60
    return m === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${m} min`
  }
  const hours = Math.round(seconds / 3600)
  const h = hours % 24
  return h === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${h} h`
}

/** A milliseconds duration (elapsed time), see {@link formatDuration}. */
export function formatElapsed(ms: number): string {
  return formatDuration(ms / 1000)
}

/** A count with digit grouping: `1,234,567`. */
export function formatCount(n: number): string {
  return countFormat.format(n)
}

/** `1 file`, `2 files`, `1,000 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** A percentage with one decimal under 10% (`2.5%` means something there), none above; never over 100%. */
export function formatPercent(fraction: number): string {
  const pct = Math.min(100, Math.max(0, fraction * 100))
  return pct > 0 && pct < 10 ? `${pct.toFixed(1)}%` : `${Math.floor(pct)}%`
}

/** A file's modification time, in the user's locale unless `locale` is given (tests pass one). */
export function formatDate(ms: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(ms))
}
