/** The benchmark's command line (`npm run bench -- [options]`). */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { COPY_DATASETS } from './datasets'

/** The datasets measured on a filesystem the benchmark mounts itself (root only). */
export const PLACE_PARTS = [
  'tmpfs-small',
  'tmpfs-large',
  'tmpfs-node_modules',
  'xfs-large',
  'ext4-small',
  'ext4-large',
] as const
export type PlacePart = (typeof PLACE_PARTS)[number]

/**
 * What can be selected with `--only`: the datasets on the bench folder's own disk (`small`, `large`,
 * `node_modules`, also spelled `disk-small`, …), stop latency, the datasets on mounted filesystems, and `startup`
 * (a one-file CLI run against `node -e 0`).
 */
export const PARTS = [...COPY_DATASETS, 'latency', ...PLACE_PARTS, 'startup', 'bwlimit'] as const
export type Part = (typeof PARTS)[number]

/** Names that stand for several parts. `default` is what runs without `--only`. */
export const PART_GROUPS: Record<string, readonly Part[]> = {
  default: [...PLACE_PARTS, 'startup', 'bwlimit'],
  disk: [...COPY_DATASETS, 'latency'],
  tmpfs: ['tmpfs-small', 'tmpfs-large', 'tmpfs-node_modules'],
  xfs: ['xfs-large'],
  ext4: ['ext4-small', 'ext4-large'],
  all: PARTS,
}

/** Validated options. */
export interface BenchOptions {
  rounds: number
  warmup: number
  only: Part[]
  quick: boolean
  regenerate: boolean
  noGenerate: boolean
  build: boolean
  latencyRuns: number
  /** Pairs of one-file CLI runs against `node -e 0`. */
  startupRuns: number
  /** Root of generated data and destinations (`$FERRY_BENCH_DIR` or `.bench-data/`). */
  dir: string
  pauseMs: number
  settleMs: number
  diskBudgetBytes: number | undefined
  ferryArgs: string[]
  /** Also write the Markdown report here. */
  out: string | undefined
}

export const USAGE = `Usage: npm run bench -- [options]

Copies generated datasets with Ferry's CLI (both cores) and cp, interleaved, and prints a Markdown report.

Parts (--only, comma-separated; groups in brackets):
  tmpfs-small, tmpfs-large, tmpfs-node_modules   [tmpfs]  on a 3 GiB tmpfs it mounts (root)
  xfs-large                                      [xfs]    on a loop-mounted 5 GiB XFS image, reflink on (root)
  ext4-small, ext4-large                         [ext4]   on a loop-mounted ext4 image, vs cp -a && sync (root)
  startup                                                 a one-file CLI run vs node -e 0
  bwlimit                                                 --bwlimit 20MiB/s: the rate held, per core (~30 s)
  small, large, node_modules, latency            [disk]   on the bench folder's own disk, vs cp -r/-a/rsync -a
  default = tmpfs,xfs,ext4,startup,bwlimit; all = everything

  --rounds N           timed rounds per dataset (default 5; 3 with --quick)
  --warmup N           untimed rounds first, which also check each copy (default 1)
  --only LIST          parts or groups, comma-separated (default: default)
  --quick              small datasets and 3 rounds: a smoke run of about 2 minutes
  --startup-runs N     pairs of one-file runs for startup (default 10; 5 with --quick)
  --regenerate         generate the datasets again even when cached
  --no-generate        use cached datasets only; fail if missing
  --no-build           do not run electron-vite build, even when out/ is older than src/
  --latency-runs N     measured stops per kind (default 7)
  --dir PATH           where data and destinations go (default $FERRY_BENCH_DIR or .bench-data/)
  --pause-ms N         pause after the sync before every run (default 300)
  --settle-ms N        pause after deleting a batch of destinations (default 3000)
  --disk-budget GIB    destinations kept before a batch is deleted (default: min(16, half the free space))
  --ferry-arg ARG      extra option for every Ferry run, repeatable (e.g. --ferry-arg=--jobs=2)
  --out FILE           also write the Markdown report to FILE
  -h, --help           print this help`

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${name} takes a whole number ≥ ${min}, not "${value}"`)
  return n
}

/** Parses `argv` (arguments only); throws with a message on bad input; `undefined` means help was printed. */
export function parseBenchArgs(argv: string[], repoRoot: string): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      'no-generate': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'latency-runs': { type: 'string' },
      'startup-runs': { type: 'string' },
      dir: { type: 'string' },
      'pause-ms': { type: 'string' },
      'settle-ms': { type: 'string' },
      'disk-budget': { type: 'string' },
      'ferry-arg': { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return undefined
  }
  const only = new Set<Part>()
  for (const raw of (values.only ?? 'default').split(',')) {
    const name = raw.trim().replace(/^disk-/, '')
    const group = PART_GROUPS[name]
    if (group) for (const part of group) only.add(part)
    else if ((PARTS as readonly string[]).includes(name)) only.add(name as Part)
    else
      throw new Error(`--only: unknown part "${raw}" (${[...Object.keys(PART_GROUPS), ...PARTS].join(', ')})`)
  }
  if (values.regenerate && values['no-generate'])
    throw new Error('--regenerate and --no-generate contradict each other')
  const budget = values['disk-budget']
  return {
    rounds: positiveInt('rounds', values.rounds, values.quick ? 3 : 5),
    warmup: positiveInt('warmup', values.warmup, 1, 0),
    only: PARTS.filter((part) => only.has(part)),
    quick: values.quick,
    regenerate: values.regenerate,
    noGenerate: values['no-generate'],
    build: !values['no-build'],
    latencyRuns: positiveInt('latency-runs', values['latency-runs'], 7),
    startupRuns: positiveInt('startup-runs', values['startup-runs'], values.quick ? 5 : 10),
    dir: resolve(repoRoot, values.dir ?? process.env.FERRY_BENCH_DIR ?? '.bench-data'),
    pauseMs: positiveInt('pause-ms', values['pause-ms'], 300, 0),
    settleMs: positiveInt('settle-ms', values['settle-ms'], 3000, 0),
    diskBudgetBytes: budget === undefined ? undefined : positiveInt('disk-budget', budget, 16) * 1024 ** 3,
    ferryArgs: values['ferry-arg'] ?? [],
    out: values.out === undefined ? undefined : resolve(values.out),
  }
}
