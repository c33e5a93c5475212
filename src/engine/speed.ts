/**
 * Throughput over a sliding window of samples: steadier than an instantaneous rate, quicker to follow a real change
 * than a long average. Memory is bounded by the window.
 */
export class SpeedMeter {
  private readonly samples: Array<{ t: number; bytes: number }> = []

  constructor(private readonly windowMs = 3000) {}

  /** Records the cumulative byte count at time `t` (ms); returns bytes per second over the window. */
  sample(t: number, bytes: number): number {
    this.samples.push({ t, bytes })
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift()
    return this.rate()
  }

  /** Bytes per second over the current window; 0 until two samples exist. */
  rate(): number {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || last.t <= first.t) return 0
    return ((last.bytes - first.bytes) * 1000) / (last.t - first.t)
  }
}

/** Seconds left at `bytesPerSecond`, or null when it cannot be known honestly. */
export function estimateSeconds(remaining: number, bytesPerSecond: number, scanning: boolean): number | null {
  if (scanning || bytesPerSecond <= 0) return null
  return Math.max(0, remaining / bytesPerSecond)
}
