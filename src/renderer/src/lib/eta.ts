/**
 * A time-left estimate people can trust: the engine's raw estimate swings with every burst of small files and
 * every pause in the disk's writeback ("1 s", "2 min 18 s", "0 s" within three seconds). The window shows a
 * smoothed one instead: it counts down by itself between snapshots, moves toward each new raw estimate with an
 * exponentially weighted step, ignores small disagreements (hysteresis, so the figure does not flicker), and never
 * changes by more than a bounded factor per second of job time.
 */

/** A smoothed estimate: `seconds` left as of `atMs` of the job's elapsed time. */
export interface EtaEstimate {
  seconds: number
  atMs: number
}

/** Time constant of the exponential smoothing: a raw estimate counts for ~63 % after this long. */
export const ETA_TIME_CONSTANT_MS = 4000

/** The most the estimate may grow or shrink in one second of job time, as a factor (plus {@link ETA_SLACK_S}). */
export const ETA_MAX_FACTOR_PER_SECOND = 1.5

/** Additive slack per second, so an estimate near zero can still grow (a multiplicative bound alone cannot). */
export const ETA_SLACK_S = 1

/** Disagreements smaller than this fraction of the estimate (or half a second) are ignored. */
const HYSTERESIS = 0.05

/**
 * The next smoothed estimate from the previous one and a raw estimate taken at `elapsedMs`. The first raw estimate
 * is taken as it is; `raw` null (no speed yet) keeps counting the previous one down.
 */
export function smoothEta(
  previous: EtaEstimate | null,
  raw: number | null,
  elapsedMs: number,
): EtaEstimate | null {
  if (raw !== null && (!Number.isFinite(raw) || raw < 0)) raw = null
  if (!previous) return raw === null ? null : { seconds: raw, atMs: elapsedMs }
  const dt = Math.max(0, elapsedMs - previous.atMs) / 1000
  const predicted = Math.max(0, previous.seconds - dt)
  if (raw === null) return { seconds: predicted, atMs: elapsedMs }
  const gap = raw - predicted
  if (Math.abs(gap) <= Math.max(0.5, predicted * HYSTERESIS)) return { seconds: predicted, atMs: elapsedMs }
  const weight = 1 - Math.exp((-dt * 1000) / ETA_TIME_CONSTANT_MS)
  const factor = ETA_MAX_FACTOR_PER_SECOND ** dt
  const highest = predicted * factor + ETA_SLACK_S * dt
  const lowest = predicted / factor
  const target = predicted + weight * gap
  return { seconds: Math.min(highest, Math.max(lowest, target)), atMs: elapsedMs }
}

/** The estimate frozen at `elapsedMs` (while paused: time passes but no time is used up). */
export function holdEta(previous: EtaEstimate | null, elapsedMs: number): EtaEstimate | null {
  return previous ? { seconds: previous.seconds, atMs: elapsedMs } : null
}
