/** The benchmark's command line (`npm run bench -- [options]`). */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { COPY_DATASETS } from './datasets'

/** What can be selected with `--only`. */
export const PARTS = [...COPY_DATASETS, 'latency'] as const
export type Part = (typeof PARTS)[number]

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

Copies generated datasets with Ferry's CLI, cp -r, cp -a and rsync -a, interleaved, and prints a Markdown report.

  --rounds N           timed rounds per dataset (default 5)
  --warmup N           untimed rounds first, which also check each copy (default 1)
  --only LIST          comma-separated: ${PARTS.join(',')} (default: all)
  --quick              small datasets for a smoke run (kept apart from the full ones)
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
  const only = values.only === undefined ? [...PARTS] : values.only.split(',').map((s) => s.trim())
  for (const part of only) {
    if (!(PARTS as readonly string[]).includes(part))
      throw new Error(`--only: unknown part "${part}" (${PARTS.join(', ')})`)
  }
  if (values.regenerate && values['no-generate'])
    throw new Error('--regenerate and --no-generate contradict each other')
  const budget = values['disk-budget']
  return {
    rounds: positiveInt('rounds', values.rounds, 5),
    warmup: positiveInt('warmup', values.warmup, 1, 0),
    only: only as Part[],
    quick: values.quick,
    regenerate: values.regenerate,
    noGenerate: values['no-generate'],
    build: !values['no-build'],
    latencyRuns: positiveInt('latency-runs', values['latency-runs'], 7),
    dir: resolve(repoRoot, values.dir ?? process.env.FERRY_BENCH_DIR ?? '.bench-data'),
    pauseMs: positiveInt('pause-ms', values['pause-ms'], 300, 0),
    settleMs: positiveInt('settle-ms', values['settle-ms'], 3000, 0),
    diskBudgetBytes: budget === undefined ? undefined : positiveInt('disk-budget', budget, 16) * 1024 ** 3,
    ferryArgs: values['ferry-arg'] ?? [],
    out: values.out === undefined ? undefined : resolve(values.out),
  }
}
