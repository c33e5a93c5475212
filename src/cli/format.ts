/** Human-readable numbers for the CLI: sizes in binary units, rates, durations. Pure functions. */

import { formatBytes as formatSharedBytes } from '../shared/format-bytes'

/** `1536` → `"1.50 KiB"`; unknown (negative or not finite) as `"?"`, since the CLI must not pretend it is 0. */
export function formatBytes(bytes: number): string {
  return Number.isFinite(bytes) && bytes >= 0 ? formatSharedBytes(bytes) : '?'
}

/** Bytes per second as `"12.3 MiB/s"`. */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

/** Seconds as `"0:07"`, `"12:34"` or `"1:02:03"`; `null` (unknown) as `"--:--"`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '--:--'
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** An elapsed time for a summary: tenths of a second below 10 s (`"0.4 s"`), else as {@link formatDuration}. */
export function formatElapsed(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : formatDuration(seconds)
}

/**
 * A count with en-US digit groups (`20,000`), without Intl (`toLocaleString` loads ICU's data: ~30 ms of the CLI's
 * start-up). Whole numbers; anything else as `toLocaleString` says it (a test checks both agree).
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US')
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return n < 0 ? `-${digits}` : digits
}

/** `n` with its noun, singular or plural: `plural(1, 'file')` → `"1 file"`. */
export function plural(n: number, noun: string): string {
  return `${groupDigits(n)} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * Shortens `text` to at most `width` columns by cutting its middle, keeping the start (the folder) and the end (the
 * file name and extension), which are what a reader needs to recognise a path.
 */
export function truncateMiddle(text: string, width: number): string {
  const chars = [...text]
  if (chars.length <= width) return text
  if (width <= 1) return chars.slice(0, Math.max(0, width)).join('')
  const keep = width - 1
  const head = Math.ceil(keep / 2)
  const tail = keep - head
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`
}
