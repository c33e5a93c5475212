/**
 * What one progress snapshot changes in the job view: the snapshot itself, the speed graph, the smoothed time left
 * and the time really spent copying (for an average speed that leaves out pauses and conflict questions).
 */
import type { ProgressSnapshot } from '../../../shared/job'
import { holdEta, smoothEta, type EtaEstimate } from '../lib/eta'
import { isCounting, pushSpeedSample, rawEtaSeconds, type SpeedHistory } from '../lib/progress'

/** The part of the job view's state a snapshot updates. */
export interface ProgressFields {
  progress: ProgressSnapshot | null
  speed: SpeedHistory
  /** Smoothed time left; null while counting or before any speed is known. */
  eta: EtaEstimate | null
  /** Milliseconds of the run spent copying: running, and not stalled on an open conflict question. */
  activeMs: number
}

/**
 * Whether the time from `before` to the next snapshot counted as copying: the job ran, and either no question was
 * open or bytes still moved (other files keep copying while the user is asked).
 */
export function wasCopying(
  before: ProgressSnapshot | null,
  asking: boolean,
  bytesNow: number | null,
): boolean {
  if (!before || before.state !== 'running') return false
  return !asking || (bytesNow !== null && bytesNow > before.bytesDone)
}

/** The fields after snapshot `next`; `asking` is true while a conflict question is open. */
export function stepProgress(state: ProgressFields, next: ProgressSnapshot, asking: boolean): ProgressFields {
  const before = state.progress
  const delta = Math.max(0, next.elapsedMs - (before?.elapsedMs ?? 0))
  const activeMs = state.activeMs + (wasCopying(before, asking, next.bytesDone) ? delta : 0)
  let eta: EtaEstimate | null
  if (isCounting(next) || (next.phase !== undefined && next.phase !== 'copying')) eta = null
  else if (next.state === 'running') eta = smoothEta(state.eta, rawEtaSeconds(next), next.elapsedMs)
  else eta = holdEta(state.eta, next.elapsedMs)
  return {
    progress: next,
    speed: pushSpeedSample(state.speed, {
      elapsedMs: next.elapsedMs,
      bytesPerSecond: next.state === 'paused' ? 0 : next.bytesPerSecond,
    }),
    eta,
    activeMs,
  }
}
