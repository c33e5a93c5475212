/**
 * Human formatting for the job view: binary units, speeds, durations, counts and dates, all through `Intl` in one
 * locale (the UI's; `en-US` by default, which keeps the English window's figures as they always were). Digits of a
 * size keep a fixed number of decimals so figures keep their width. Duration words come from the caller (the
 * catalog's `duration.*` patterns, see use-format.ts), English by default.
 */

import { formatBytes as formatSharedBytes } from '../../../shared/format-bytes'

/** Which duration pattern to fill: `minS` is minutes and seconds, `hMin` hours and minutes, `dH` days and hours. */
export type DurationPattern = 's' | 'min' | 'minS' | 'h' | 'hMin' | 'd' | 'dH'

/** Fills a duration pattern with already formatted numbers. */
export type DurationWords = (pattern: DurationPattern, parts: Record<string, string>) => string

const ENGLISH_DURATION: DurationWords = (pattern, p) => {
  switch (pattern) {
    case 's':
      return `${p.s} s`
    case 'min':
      return `${p.min} min`
    case 'minS':
      return `${p.min} min ${p.s} s`
    case 'h':
      return `${p.h} h`
    case 'hMin':
      return `${p.h} h ${p.min} min`
    case 'd':
      return `${p.d} d`
    case 'dH':
      return `${p.d} d ${p.h} h`
  }
}

/** Every formatter of the window, bound to one locale. */
export interface Formatter {
  readonly locale: string
  /** `0 B`, `999 B`, `1.00 KiB`, `12.3 MiB` (see `src/shared/format-bytes.ts`). */
  bytes(bytes: number): string
  /** A speed in bytes per second as `12.3 MiB/s`; zero or unknown as `—`. */
  speed(bytesPerSecond: number): string
  /**
   * A duration for people, with at most two units and no false precision: `0 s`, `45 s`, `1 min 20 s`,
   * `12 min`, `1 h 5 min`, `2 d 3 h`. Under ten minutes seconds are shown; above, they would only flicker.
   */
  duration(seconds: number): string
  /** A milliseconds duration (elapsed time), see {@link Formatter.duration}. */
  elapsed(ms: number): string
  /** A count with digit grouping: `1,234,567`. */
  count(n: number): string
  /** A percentage with one decimal under 10% (`2.5%` means something there), none above; never over 100%. */
  percent(fraction: number): string
  /** A date and time to the second. */
  date(ms: number): string
}

/** A {@link Formatter} for `locale`, with duration words from `words` (English by default). */
export function createFormatter(locale = 'en-US', words: DurationWords = ENGLISH_DURATION): Formatter {
  const countFormat = new Intl.NumberFormat(locale)
  const percentFormat = (digits: number) =>
    new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  const tenths = percentFormat(1)
  const whole = percentFormat(0)
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })
  const n = (value: number) => countFormat.format(value)
  const bytes = (value: number) => formatSharedBytes(value, locale)
  const duration = (seconds: number): string => {
    if (!Number.isFinite(seconds) || seconds < 0) return '—'
    const total = Math.round(seconds)
    if (total < 60) return words('s', { s: n(total) })
    if (total < 600) {
      const s = total % 60
      const min = n(Math.floor(total / 60))
      return s === 0 ? words('min', { min }) : words('minS', { min, s: n(s) })
    }
    const minutes = Math.round(seconds / 60)
    if (minutes < 60) return words('min', { min: n(minutes) })
    if (minutes < 24 * 60) {
      const m = minutes % 60
      const h = n(Math.floor(minutes / 60))
      return m === 0 ? words('h', { h }) : words('hMin', { h, min: n(m) })
    }
    const hours = Math.round(seconds / 3600)
    const h = hours % 24
    const d = n(Math.floor(hours / 24))
    return h === 0 ? words('d', { d }) : words('dH', { d, h: n(h) })
  }
  return {
    locale,
    bytes,
    speed: (bytesPerSecond) =>
      !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0 ? '—' : `${bytes(bytesPerSecond)}/s`,
    duration,
    elapsed: (ms) => duration(ms / 1000),
    count: n,
    percent: (fraction) => {
      const pct = Math.min(100, Math.max(0, fraction * 100))
      // Whole percents are floored: the figure must not read 100% before the end.
      return pct > 0 && pct < 10
        ? tenths.format(Number(pct.toFixed(1)) / 100)
        : whole.format(Math.floor(pct) / 100)
    },
    date: (ms) => dateFormat.format(new Date(ms)),
  }
}

const english = createFormatter()

/** {@link Formatter.bytes} in English. */
export const formatBytes = english.bytes
/** {@link Formatter.speed} in English. */
export const formatSpeed = english.speed
/** {@link Formatter.duration} in English. */
export const formatDuration = english.duration
/** {@link Formatter.elapsed} in English. */
export const formatElapsed = english.elapsed
/** {@link Formatter.count} in English. */
export const formatCount = english.count
/** {@link Formatter.percent} in English. */
export const formatPercent = english.percent

/** A file's modification time in `locale` (`en-US` unless given). */
export function formatDate(ms: number, locale = 'en-US'): string {
  return locale === 'en-US' ? english.date(ms) : createFormatter(locale).date(ms)
}
