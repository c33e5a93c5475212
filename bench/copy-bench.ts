/**
 * Copies one dataset with every tool, several rounds, interleaved: round r runs the tools rotated by r (A B C D,
 * B C D A, …), so each tool meets each position and any drift of the machine spreads over all of them.
 *
 * Every run writes a fresh destination on the same filesystem. Destinations are deleted only between rounds and
 * only when the disk budget needs it, then `sync` and a pause: on these ext4 disks creating thousands of files just
 * after deleting thousands is several times slower, which would punish whichever tool ran next.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Dataset } from './datasets'
import { bytes } from './format'
import { runQuiet, runTimed, sleep } from './runners'
import type { Tool, ToolId } from './tools'
import { countTree, readTree, sameCounts } from './tree'

export interface CopyBenchOptions {
  /** Timed rounds. */
  rounds: number
  /** Untimed rounds first (also checks each tool's copy against the source). */
  warmup: number
  /** Pause after the `sync` that precedes every run, in ms. */
  pauseMs: number
  /** Pause after deleting a batch of destinations (and syncing), in ms. */
  settleMs: number
  /** Destinations pile up to this many bytes before a batch is deleted. */
  diskBudgetBytes: number
  /** Where destinations go (same filesystem as the sources). */
  runsDir: string
  log: (line: string) => void
}

/** One tool's samples on one dataset. */
export interface ToolSamples {
  tool: Tool
  seconds: number[]
  /** The timed round (0-based) of each entry of `seconds`: runs in the same round form a pair. */
  roundOf: number[]
  peakRssBytes: number[]
  /** Why the tool stopped being measured, if it did. */
  failure: string | undefined
}

/** Everything measured on one dataset. */
export interface DatasetResult {
  dataset: Dataset
  samples: Map<ToolId, ToolSamples>
}

/** Rough bytes one copy takes on disk: every file and folder holds at least a 4 KiB block. */
export function diskBytesPerCopy(dataset: Dataset): number {
  const { files, dirs, bytes: content } = dataset.counts
  return Math.max(content, files * 4096) + (files + dirs) * 256 + dirs * 4096
}

/** Measures `tools` copying `dataset`. */
export async function benchDataset(
  dataset: Dataset,
  tools: Tool[],
  options: CopyBenchOptions,
): Promise<DatasetResult> {
  const { log } = options
  const samples = new Map<ToolId, ToolSamples>(
    tools.map((tool) => [tool.id, { tool, seconds: [], roundOf: [], peakRssBytes: [], failure: undefined }]),
  )
  const runsDir = join(options.runsDir, dataset.name)
  let pending: string[] = []
  let pendingBytes = 0
  const perCopy = diskBytesPerCopy(dataset)

  const deleteBatch = async (): Promise<void> => {
    if (pending.length > 0)
      log(`  deleting ${pending.length} destinations (${bytes(pendingBytes)}), sync, settle`)
    await runQuiet('rm', ['-rf', runsDir])
    await runQuiet('sync', [])
    // rsync creates only the last component of its destination; the others create parents or don't need them.
    mkdirSync(runsDir, { recursive: true })
    await sleep(options.settleMs)
    pending = []
    pendingBytes = 0
  }

  log(`${dataset.name}: warming the page cache (reading the source once)`)
  readTree(dataset.source)
  await deleteBatch()
  try {
    for (let round = -options.warmup; round < options.rounds; round += 1) {
      const active = tools.filter((tool) => samples.get(tool.id)?.failure === undefined)
      if (active.length === 0) break
      if (pending.length > 0 && pendingBytes + perCopy * active.length > options.diskBudgetBytes)
        await deleteBatch()
      const shift = ((round % active.length) + active.length) % active.length
      const order = [...active.slice(shift), ...active.slice(0, shift)]
      const name = round < 0 ? `warmup${-round}` : `round${round + 1}`
      const line: string[] = []
      for (const tool of order) {
        const entry = samples.get(tool.id) as ToolSamples
        // A filesystem too small for a whole round (a tmpfs, a loop image) deletes between runs instead.
        if (pending.length > 0 && pendingBytes + perCopy > options.diskBudgetBytes) await deleteBatch()
        const dest = join(runsDir, `${name}-${tool.id}`)
        // Start every run with no dirty pages from the previous one, so nobody pays for another's writeback.
        await runQuiet('sync', [])
        await sleep(options.pauseMs)
        const result = await runTimed(tool.command(dataset.source, dest))
        pending.push(dest)
        pendingBytes += perCopy
        if (!result.ok) {
          entry.failure = `exit ${result.exitCode ?? result.signal}: ${result.stderrTail.trim().slice(-400)}`
          log(
            `  ${tool.label} failed on ${dataset.name} (${name}); no more runs of it here. ${entry.failure}`,
          )
          continue
        }
        // Check the copy (untimed): every warm-up run, and every Ferry run, the tool under test.
        if ((round < 0 || tool.id.startsWith('ferry')) && tool.copies !== false) {
          const got = countTree(dest)
          if (!sameCounts(got, dataset.counts)) {
            entry.failure = `copy differs from the source: ${JSON.stringify(got)} vs ${JSON.stringify(dataset.counts)}`
            log(`  ${tool.label} on ${dataset.name} (${name}): ${entry.failure}`)
            continue
          }
        }
        line.push(`${tool.label} ${result.seconds.toFixed(3)} s`)
        if (round < 0) continue
        entry.seconds.push(result.seconds)
        entry.roundOf.push(round)
        if (result.peakRssBytes !== undefined) entry.peakRssBytes.push(result.peakRssBytes)
      }
      log(`  ${name}: ${line.join(' · ')}`)
    }
  } finally {
    await deleteBatch()
    rmSync(runsDir, { recursive: true, force: true })
  }
  return { dataset, samples }
}
