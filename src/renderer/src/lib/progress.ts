/**
 * Progress maths for the job view. Pure functions of the engine's {@link ProgressSnapshot}s, so the numbers the
 * window shows are tested apart from React.
 */
import type { InFlightFile, JobSummary, ProgressSnapshot } from '../../../shared/job'

/** Files that reached an outcome (copied, failed or skipped). */
export function filesProcessed(
  p: Pick<ProgressSnapshot, 'filesDone' | 'filesFailed' | 'filesSkipped'>,
): number {
  return p.filesDone + p.filesFailed + p.filesSkipped
}

/**
 * How far the job is, 0..1, by bytes (what takes time). A job of only empty files or symlinks has no bytes, so
 * it falls back to files. Never above 1, and never 1 before the job is really done: a fast job's last bytes can
 * land in the snapshot before its last rename does.
 */
export function overallFraction(p: ProgressSnapshot): number {
  if (p.state === 'done') return 1
  let fraction: number
  if (p.bytesTotal > 0) fraction = p.bytesDone / p.bytesTotal
  else if (p.filesTotal > 0) fraction = filesProcessed(p) / p.filesTotal
  else fraction = 0
  return Math.min(fraction, 0.999)
}

/** {@link overallFraction} as the whole percent the progress bar announces (`aria-valuenow`). */
export function overallPercent(p: ProgressSnapshot): number {
  return Math.floor(overallFraction(p) * 100)
}

/** How far one in-flight file is, 0..1 (an empty file counts as half-way until it finishes). */
export function fileFraction(f: Pick<InFlightFile, 'size' | 'bytesDone'>): number {
  if (f.size <= 0) return 0.5
  return Math.min(1, Math.max(0, f.bytesDone / f.size))
}

/**
 * True while the walk is still finding files: totals are partial, so no percentage or time left can be honest
 * (the window shows counts and "Counting…" instead).
 */
export function isCounting(p: Pick<ProgressSnapshot, 'scanning'>): boolean {
  return p.scanning
}

/**
 * The engine's raw estimate of seconds left (or bytes left at the smoothed speed when it gives none). Null while
 * counting, when not running (paused, stopping) or without a speed yet. The window smooths it (see eta.ts).
 */
export function rawEtaSeconds(p: ProgressSnapshot): number | null {
  if (p.state !== 'running' || isCounting(p)) return null
  if (p.etaSeconds !== null && Number.isFinite(p.etaSeconds)) return Math.max(0, p.etaSeconds)
  const left = p.bytesTotal - p.bytesDone
  if (p.bytesPerSecond <= 0 || left <= 0) return null
  return left / p.bytesPerSecond
}

/**
 * Average write throughput of a finished job in bytes per second (0 for an instant job). `activeMs`, when known, is
 * the time the job was really copying (not paused, not waiting on a conflict question); otherwise its duration.
 */
export function averageSpeed(
  summary: Pick<JobSummary, 'bytesCopied' | 'durationMs'>,
  activeMs: number | null = null,
): number {
  const ms = activeMs !== null && activeMs > 0 ? Math.min(activeMs, summary.durationMs) : summary.durationMs
  return ms > 0 ? (summary.bytesCopied * 1000) / ms : 0
}

/** One point of the speed graph. */
export interface SpeedSample {
  elapsedMs: number
  bytesPerSecond: number
}

/**
 * The whole job's speed over time in bounded memory: samples at least `stepMs` apart; when more than `limit` pile
 * up, every other one is dropped and the step doubles, so a ten-hour job and a ten-second job both fit the graph.
 */
export interface SpeedHistory {
  samples: readonly SpeedSample[]
  stepMs: number
}

/** Samples kept before the history halves its resolution. */
export const SPEED_HISTORY_LIMIT = 240

/** An empty history sampling every 250 ms at first. */
export const EMPTY_SPEED_HISTORY: SpeedHistory = { samples: [], stepMs: 250 }

/** Adds a sample to a history (see {@link SpeedHistory}); returns the same object when the sample is too close. */
export function pushSpeedSample(
  history: SpeedHistory,
  sample: SpeedSample,
  limit = SPEED_HISTORY_LIMIT,
): SpeedHistory {
  const last = history.samples[history.samples.length - 1]
  if (last && sample.elapsedMs - last.elapsedMs < history.stepMs) return history
  const samples = [...history.samples, sample]
  if (samples.length <= limit) return { samples, stepMs: history.stepMs }
  return {
    samples: samples.filter((_, i) => i % 2 === 0 || i === samples.length - 1),
    stepMs: history.stepMs * 2,
  }
}

/**
 * Bytes still to be made durable in the "Writing to disk…" phase, or null outside it: the system's dirty page cache
 * where the engine reads it (Linux, moves smoothly as the kernel writes back), else the job's unflushed bytes.
 */
export function bytesLeftToFlush(
  p: Pick<ProgressSnapshot, 'phase' | 'bytesToFlush' | 'systemDirtyBytes'>,
): number | null {
  if (p.phase !== 'syncing') return null
  return Math.max(0, p.systemDirtyBytes ?? p.bytesToFlush ?? 0)
}

/** How far the flush is, 0..1, given the most that was left at any point of the phase (`peak`). */
export function flushFraction(left: number, peak: number): number {
  if (peak <= 0) return 0
  return Math.min(1, Math.max(0, 1 - left / peak))
}
