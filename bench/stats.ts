/** Summary statistics for benchmark samples. Pure functions. */

/** Median, min and max of a non-empty sample set, plus how many samples there were. */
export interface Summary {
  median: number
  min: number
  max: number
  count: number
}

/** Summarises `samples`; `undefined` when there are none (a tool that was skipped or failed every run). */
export function summarise(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, count: sorted.length }
}

/** `a.median ÷ b.median`, or `undefined` when either side is missing or `b` is zero. */
export function ratio(a: Summary | undefined, b: Summary | undefined): number | undefined {
  if (!a || !b || b.median === 0) return undefined
  return a.median / b.median
}

/** Samples of one tool with the round each came from (runs of the same round form a pair). */
export interface RoundSamples {
  seconds: readonly number[]
  roundOf: readonly number[]
}

/** `a ÷ b` for every round both were measured in, in round order. */
export function pairRatios(a: RoundSamples | undefined, b: RoundSamples | undefined): number[] {
  if (!a || !b) return []
  const byRound = new Map<number, number>()
  b.roundOf.forEach((round, i) => byRound.set(round, b.seconds[i] as number))
  const out: number[] = []
  a.roundOf.forEach((round, i) => {
    const other = byRound.get(round)
    if (other !== undefined && other > 0) out.push((a.seconds[i] as number) / other)
  })
  return out
}

/** The median of per-pair ratios `a ÷ b` with their min and max; `undefined` when no round has both. */
export function pairedRatio(a: RoundSamples | undefined, b: RoundSamples | undefined): Summary | undefined {
  return summarise(pairRatios(a, b))
}
