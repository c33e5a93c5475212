/**
 * The datasets on filesystems the benchmark mounts itself (issues 10 and 11): a tmpfs (no disk at all: what the
 * copier itself costs), a loop-mounted XFS image (reflink: `cp -a` clones) and a loop-mounted ext4 image (Ferry
 * against `cp -a && sync`). Each filesystem is mounted fresh, its datasets generated on it one at a time (and
 * deleted after), and unmounted when its parts are done, also when a run fails.
 */
import { rmSync, statfsSync } from 'node:fs'
import { join } from 'node:path'
import { benchDataset, diskBytesPerCopy, type DatasetResult } from './copy-bench'
import { prepareDataset, type CopyDatasetName, type DatasetPlan } from './datasets'
import * as fmt from './format'
import { mountFresh, unmount, type Mount } from './mounts'
import type { BenchOptions, PlacePart } from './options'
import { makePlaceTools, type CoreName, type FerryCli, type PlaceKind } from './tools'

/** One part measured (or skipped) on a mounted filesystem. */
export interface PlaceResult {
  part: PlacePart
  kind: PlaceKind
  /** What the filesystem was, e.g. "tmpfs of 3 GiB". */
  place: string
  result: DatasetResult | undefined
  /** Why the part was not measured. */
  skipped: string | undefined
}

/** Sizes of the filesystems mounted. */
const GiB = 1024 ** 3
const SIZES: Record<PlaceKind, number> = { tmpfs: 3 * GiB, xfs: 5 * GiB, ext4: 5 * GiB }

/** The plan on one filesystem: the large files differ per filesystem, the rest is the common plan. */
function planOn(kind: PlaceKind, plan: DatasetPlan): DatasetPlan {
  const large =
    kind === 'tmpfs'
      ? plan.mounted.tmpfsLarge
      : kind === 'xfs'
        ? plan.mounted.xfsLarge
        : plan.mounted.ext4Large
  return { ...plan, large }
}

export interface PlaceContext {
  options: BenchOptions
  plan: DatasetPlan
  /** Where mount points and images go (the profile folder). */
  root: string
  repoRoot: string
  ferry: FerryCli | undefined
  cores: CoreName[]
  noSync: boolean
  log: (line: string) => void
}

/** Runs every selected part that lives on a mounted filesystem, one filesystem at a time. */
export async function benchPlaces(parts: PlacePart[], ctx: PlaceContext): Promise<PlaceResult[]> {
  const results: PlaceResult[] = []
  const kinds: PlaceKind[] = ['tmpfs', 'xfs', 'ext4']
  for (const kind of kinds) {
    const mine = parts.filter((part) => part.startsWith(`${kind}-`))
    if (mine.length === 0) continue
    const mounted = mountFresh(kind, ctx.root, SIZES[kind])
    if (typeof mounted === 'string') {
      ctx.log(`${kind}: skipped: ${mounted}`)
      for (const part of mine) results.push({ part, kind, place: kind, result: undefined, skipped: mounted })
      continue
    }
    ctx.log(`${kind}: mounted ${mounted.description} on ${mounted.dir}`)
    try {
      for (const part of mine) results.push(await benchOne(part, kind, mounted, ctx))
    } finally {
      unmount(mounted)
      ctx.log(`${kind}: unmounted`)
    }
  }
  return results
}

async function benchOne(
  part: PlacePart,
  kind: PlaceKind,
  mount: Mount,
  ctx: PlaceContext,
): Promise<PlaceResult> {
  const name = part.slice(kind.length + 1) as CopyDatasetName
  const tools = makePlaceTools(kind, ctx.ferry, ctx.cores, ctx.noSync)
  const dataset = prepareDataset(name, {
    root: mount.dir,
    plan: planOn(kind, ctx.plan),
    repoRoot: ctx.repoRoot,
    regenerate: true,
    noGenerate: false,
    log: ctx.log,
  })
  ctx.log(
    `${part}: ${dataset.description}: ${fmt.count(dataset.counts.files)} files, ${fmt.bytes(dataset.counts.bytes)}`,
  )
  try {
    const fs = statfsSync(mount.dir)
    // Leave a margin: a tmpfs or image that fills up fails the run instead of measuring it. ext4 has a fixed
    // number of inodes (20,000 small files per copy use them up before the bytes), so count both.
    const perCopy = diskBytesPerCopy(dataset)
    const { files, dirs } = dataset.counts
    const byInodes = Math.floor((fs.ffree * 0.85) / (files + dirs + 1))
    const byBytes = Math.floor((fs.bavail * fs.bsize * 0.85) / perCopy)
    const budget = Math.max(1, Math.min(byInodes, byBytes)) * perCopy
    const result = await benchDataset(dataset, tools, {
      rounds: ctx.options.rounds,
      warmup: ctx.options.warmup,
      pauseMs: ctx.options.pauseMs,
      // Recently freed inodes slow creation on ext4 (see copy-bench.ts); a tmpfs and XFS need no long settle.
      settleMs: kind === 'ext4' ? ctx.options.settleMs : Math.min(ctx.options.settleMs, 300),
      diskBudgetBytes: budget,
      runsDir: join(mount.dir, 'runs'),
      log: ctx.log,
    })
    return { part, kind, place: mount.description, result, skipped: undefined }
  } finally {
    rmSync(join(mount.dir, 'data'), { recursive: true, force: true })
  }
}
