/**
 * The benchmark's datasets: generated once under the bench folder and reused while their marker file says they match
 * the requested sizes. Sources live in `<profile>/data/`, markers beside them (never inside, or they would be copied).
 */
import { randomBytes } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { countTree, type TreeCounts } from './tree'

/** The copy datasets, in the order they run. */
export const COPY_DATASETS = ['small', 'large', 'node_modules'] as const
export type CopyDatasetName = (typeof COPY_DATASETS)[number]

/** Sizes of everything generated. `full` is what the issue asks for; `quick` is a smoke run. */
export interface DatasetPlan {
  profile: 'full' | 'quick'
  small: { dirs: number; filesPerDir: number; fileSize: number }
  large: { count: number; fileSize: number }
  /** A copy of the repo's node_modules, whole packages only, stopping before these limits. */
  nodeModules: { maxFiles: number; maxBytes: number }
  latencyFileSize: number
  /** The large files on each mounted filesystem (the small and node_modules sets are the ones above). */
  mounted: {
    tmpfsLarge: DatasetPlan['large']
    xfsLarge: DatasetPlan['large']
    ext4Large: DatasetPlan['large']
  }
}

const MiB = 1024 * 1024

/** The plan for a full or quick run. */
export function planFor(quick: boolean): DatasetPlan {
  return quick
    ? {
        profile: 'quick',
        small: { dirs: 20, filesPerDir: 50, fileSize: 4096 },
        large: { count: 2, fileSize: 32 * MiB },
        nodeModules: { maxFiles: 2_000, maxBytes: 64 * MiB },
        latencyFileSize: 512 * MiB,
        mounted: {
          tmpfsLarge: { count: 2, fileSize: 32 * MiB },
          xfsLarge: { count: 2, fileSize: 64 * MiB },
          ext4Large: { count: 2, fileSize: 32 * MiB },
        },
      }
    : {
        profile: 'full',
        small: { dirs: 200, filesPerDir: 100, fileSize: 4096 },
        large: { count: 4, fileSize: 512 * MiB },
        nodeModules: { maxFiles: 60_000, maxBytes: 1024 * MiB },
        latencyFileSize: 512 * MiB,
        mounted: {
          tmpfsLarge: { count: 4, fileSize: 256 * MiB },
          xfsLarge: { count: 4, fileSize: 512 * MiB },
          ext4Large: { count: 4, fileSize: 256 * MiB },
        },
      }
}

/** A generated dataset, ready to copy. */
export interface Dataset {
  name: CopyDatasetName | 'latency' | 'startup'
  /** The folder (or, for latency, the file) that is copied. */
  source: string
  counts: TreeCounts
  /** One line saying what it is, for the report. */
  description: string
}

/** Writes `size` bytes of random-looking data: slices of one random pool, each stamped with its offset. */
export function writeRandomish(path: string, size: number, pool: Buffer, blockSize: number): void {
  const fd = openSync(path, 'w')
  try {
    const block = Buffer.allocUnsafe(blockSize)
    for (let offset = 0, i = 0; offset < size; offset += blockSize, i += 1) {
      const length = Math.min(blockSize, size - offset)
      // A different window of the pool per block, so no two blocks (or files) are identical.
      const start = (i * 7_919 * 4_096 + (size % 65_521)) % (pool.length - length)
      pool.copy(block, 0, start, start + length)
      block.writeDoubleLE(offset, 0)
      writeSync(fd, block, 0, length)
    }
  } finally {
    closeSync(fd)
  }
}

function generateSmall(dir: string, plan: DatasetPlan['small']): void {
  const pool = randomBytes(MiB)
  const buffer = Buffer.allocUnsafe(plan.fileSize)
  let n = 0
  for (let d = 0; d < plan.dirs; d += 1) {
    const sub = join(dir, `d${String(d).padStart(3, '0')}`)
    mkdirSync(sub, { recursive: true })
    for (let f = 0; f < plan.filesPerDir; f += 1, n += 1) {
      const start = (n * 4_099) % (pool.length - plan.fileSize)
      pool.copy(buffer, 0, start, start + plan.fileSize)
      buffer.writeUInt32LE(n, 0)
      writeFileSync(join(sub, `f${String(f).padStart(3, '0')}.bin`), buffer)
    }
  }
}

function generateLarge(dir: string, plan: DatasetPlan['large']): void {
  mkdirSync(dir, { recursive: true })
  const pool = randomBytes(32 * MiB)
  for (let i = 0; i < plan.count; i += 1)
    writeRandomish(join(dir, `large-${i}.bin`), plan.fileSize, pool, 8 * MiB)
}

/** Top-level entries of node_modules as whole packages (`@scope/name` counts as one package). */
function packageDirs(nodeModules: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(nodeModules).sort()) {
    if (entry.startsWith('@')) {
      for (const sub of readdirSync(join(nodeModules, entry)).sort()) out.push(join(entry, sub))
    } else out.push(entry)
  }
  return out
}

/**
 * Copies the repo's node_modules (with `cp -a`, symlinks kept as symlinks), whole packages in name order, stopping
 * before a package would push the copy past the plan's limits. Returns whether the whole tree was taken.
 */
function generateNodeModules(
  dir: string,
  repoNodeModules: string,
  plan: DatasetPlan['nodeModules'],
): boolean {
  if (!existsSync(repoNodeModules)) throw new Error(`${repoNodeModules} is missing: run npm ci first`)
  const packages = packageDirs(repoNodeModules)
  let files = 0
  let bytes = 0
  let taken = 0
  for (const pkg of packages) {
    const counts = countTree(join(repoNodeModules, pkg))
    if (files + counts.files > plan.maxFiles || bytes + counts.bytes > plan.maxBytes) continue
    const target = join(dir, pkg)
    mkdirSync(join(target, '..'), { recursive: true })
    const cp = spawnSync('cp', ['-a', join(repoNodeModules, pkg), target], { stdio: 'inherit' })
    if (cp.status !== 0) throw new Error(`cp -a ${pkg} failed`)
    files += counts.files
    bytes += counts.bytes
    taken += 1
  }
  return taken === packages.length
}

interface Marker {
  plan: unknown
  description: string
  counts: TreeCounts
}

/** What decides whether a cached dataset can be reused. */
function planKey(name: Dataset['name'], plan: DatasetPlan): unknown {
  switch (name) {
    case 'small':
      return plan.small
    case 'large':
      return plan.large
    case 'node_modules':
      return plan.nodeModules
    case 'latency':
      return plan.latencyFileSize
    case 'startup':
      return 4096
    default: {
      const unreachable: never = name
      throw new Error(`unknown dataset ${String(unreachable)}`)
    }
  }
}

/** Where a dataset's source and marker live. */
function paths(root: string, name: Dataset['name']): { source: string; dir: string; marker: string } {
  const dir = join(root, 'data', name)
  const source = name === 'latency' || name === 'startup' ? join(dir, `${name}.bin`) : dir
  return { source, dir, marker: join(root, 'data', `${name}.ready.json`) }
}

export interface PrepareOptions {
  /** The profile folder (`<bench dir>/<full|quick>`). */
  root: string
  plan: DatasetPlan
  /** The repository whose node_modules is copied. */
  repoRoot: string
  /** Delete and generate again even when the marker matches. */
  regenerate: boolean
  /** Never generate: use what exists or fail. */
  noGenerate: boolean
  log: (line: string) => void
}

/** Generates `name` unless a matching marker says it is already there, and describes it. */
export function prepareDataset(name: Dataset['name'], options: PrepareOptions): Dataset {
  const { root, plan } = options
  const where = paths(root, name)
  const key = JSON.stringify(planKey(name, plan))
  if (!options.regenerate && existsSync(where.marker) && existsSync(where.source)) {
    const marker = JSON.parse(readFileSync(where.marker, 'utf8')) as Marker
    if (JSON.stringify(marker.plan) === key) {
      return { name, source: where.source, counts: marker.counts, description: marker.description }
    }
    options.log(`${name}: cached dataset was made for other sizes; generating again`)
  }
  if (options.noGenerate)
    throw new Error(`${name}: no generated dataset at ${where.dir} (run without --no-generate)`)
  rmSync(where.marker, { force: true })
  rmSync(where.dir, { recursive: true, force: true })
  mkdirSync(where.dir, { recursive: true })
  options.log(`${name}: generating under ${where.dir} …`)
  const started = performance.now()
  let description: string
  switch (name) {
    case 'small':
      generateSmall(where.dir, plan.small)
      description = `${(plan.small.dirs * plan.small.filesPerDir).toLocaleString('en-US')} × ${plan.small.fileSize / 1024} KiB files in ${plan.small.dirs} folders`
      break
    case 'large':
      generateLarge(where.dir, plan.large)
      description = `${plan.large.count} × ${plan.large.fileSize / MiB} MiB files`
      break
    case 'node_modules': {
      const repoNodeModules = join(options.repoRoot, 'node_modules')
      const whole = generateNodeModules(where.dir, repoNodeModules, plan.nodeModules)
      description = whole
        ? "this repo's node_modules (whole)"
        : "this repo's node_modules (subset: whole packages)"
      break
    }
    case 'latency':
      writeRandomish(where.source, plan.latencyFileSize, randomBytes(32 * MiB), 8 * MiB)
      description = `one ${plan.latencyFileSize / MiB} MiB file`
      break
    case 'startup':
      writeRandomish(where.source, 4096, randomBytes(MiB), 4096)
      description = 'one 4 KiB file'
      break
    default: {
      const unreachable: never = name
      throw new Error(`unknown dataset ${String(unreachable)}`)
    }
  }
  // Flush now so the first timed runs do not share the disk with this generation's writeback.
  spawnSync('sync')
  const counts = countTree(where.source)
  const marker: Marker = { plan: JSON.parse(key) as unknown, description, counts }
  writeFileSync(where.marker, JSON.stringify(marker, null, 2))
  options.log(`${name}: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return { name, source: where.source, counts, description }
}
