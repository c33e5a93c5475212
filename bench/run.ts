/**
 * `npm run bench`: generates (or reuses) the datasets, copies each with Ferry's CLI and the baselines, measures stop
 * latency, and prints a Markdown report on stdout (the log goes to stderr). See `--help` and the README.
 */
import { mkdirSync, statfsSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { benchLimit, type LimitRun, renderLimit } from './bwlimit'
import { benchDataset, type DatasetResult } from './copy-bench'
import { COPY_DATASETS, planFor, prepareDataset, type PrepareOptions } from './datasets'
import * as fmt from './format'
import { benchStops, type StopResult } from './latency'
import { machineInfo } from './machine'
import { unmountAll, unmountOnSignals } from './mounts'
import { PLACE_PARTS, parseBenchArgs, USAGE, type BenchOptions, type PlacePart } from './options'
import { benchPlaces, type PlaceResult } from './places'
import { renderReport } from './report'
import { runTimed } from './runners'
import { summarise } from './stats'
import {
  ensureFerryBuilt,
  ferryCommand,
  ferryHasNoSync,
  findOnPath,
  makeStartupTools,
  makeTools,
  probeCore,
  probeFerry,
  snapshotFerry,
  type CoreProbe,
  type FerryCli,
} from './tools'

const repoRoot = resolve(import.meta.dirname, '..')
const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** Ferry's CLI when it builds and copies correctly; otherwise a note saying why it is left out. */
async function findFerry(
  options: BenchOptions,
  root: string,
  notes: string[],
): Promise<FerryCli | undefined> {
  const built = ensureFerryBuilt(repoRoot, options.build, log)
  if (!built.ok) {
    notes.push(`Ferry was not measured: ${built.reason}.`)
    return undefined
  }
  const cli: FerryCli = {
    cliPath: snapshotFerry(repoRoot, root),
    extraArgs: options.ferryArgs,
    rssFile: join(root, 'ferry-rss.txt'),
  }
  const problem = await probeFerry(cli, join(root, 'probe'))
  if (problem) {
    notes.push(`Ferry was not measured: its CLI does not copy yet (${problem}). Baselines only.`)
    return undefined
  }
  // Node's start-up and bundle load are part of every Ferry time; say how much.
  const startups: number[] = []
  for (let i = 0; i < 5; i += 1)
    startups.push((await runTimed(ferryCommand(cli, ['--version']))).seconds * 1000)
  const startup = summarise(startups)
  if (startup)
    notes.push(
      `Ferry CLI start-up (\`ferry --version\`): ${fmt.millis(startup.median)} median, included in every Ferry time.`,
    )
  return cli
}

async function main(): Promise<number> {
  let options: BenchOptions | undefined
  try {
    options = parseBenchArgs(process.argv.slice(2), repoRoot)
  } catch (error) {
    log(`bench: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (!options) return 0
  const plan = planFor(options.quick)
  const root = join(options.dir, plan.profile)
  mkdirSync(root, { recursive: true })
  const notes: string[] = []
  const loadAtStart = loadavg()[0] ?? 0
  if (loadAtStart > 1)
    log(`warning: load average ${loadAtStart.toFixed(2)}: other work is running; figures will be noisy`)

  const rsyncPath = findOnPath('rsync')
  if (!rsyncPath) {
    log('warning: rsync is not installed (Debian: apt-get install rsync); the rsync -a column will be empty')
    notes.push('rsync is not installed on this machine: no `rsync -a` figures.')
  }
  if (!findOnPath('cp')) throw new Error('cp is not on PATH: the baselines cannot run')
  const ferry = await findFerry(options, root, notes)
  if (!ferry) log(`warning: ${notes[notes.length - 1]}`)
  const tools = makeTools(ferry, rsyncPath)

  const fs = statfsSync(root)
  const free = fs.bavail * fs.bsize
  const diskBudgetBytes = options.diskBudgetBytes ?? Math.min(16 * 1024 ** 3, free / 2)
  log(
    `bench dir ${root}: ${fmt.bytes(free)} free; destinations deleted in batches of up to ${fmt.bytes(diskBudgetBytes)}`,
  )

  // Which cores copy (FERRY_CORE=js|native), and whether Ferry syncs (it has --no-sync once it does).
  const cores: CoreProbe[] = ferry
    ? (['js', 'native'] as const).map((c) => probeCore(ferry, c, join(root, 'probe')))
    : []
  for (const c of cores)
    log(
      `core ${c.core}: ${c.ok ? 'copies' : `does not copy: ${c.problem}`}; reported: ${c.reported ?? 'nothing'}`,
    )
  const workingCores = cores.filter((c) => c.ok).map((c) => c.core)
  const noSync = ferry ? ferryHasNoSync(ferry) : false
  if (ferry && !noSync)
    log('ferry --help has no --no-sync: Ferry does not sync yet; measuring Ferry && sync instead')

  const prepare: PrepareOptions = {
    root,
    plan,
    repoRoot,
    regenerate: options.regenerate,
    noGenerate: options.noGenerate,
    log,
  }
  const results: DatasetResult[] = []
  for (const name of COPY_DATASETS) {
    if (!options.only.includes(name)) continue
    const dataset = prepareDataset(name, prepare)
    log(
      `${name}: ${dataset.description}: ${fmt.count(dataset.counts.files)} files, ${fmt.bytes(dataset.counts.bytes)}`,
    )
    results.push(
      await benchDataset(dataset, tools, {
        rounds: options.rounds,
        warmup: options.warmup,
        pauseMs: options.pauseMs,
        settleMs: options.settleMs,
        diskBudgetBytes,
        runsDir: join(root, 'runs'),
        log,
      }),
    )
  }

  let stops: StopResult[] | undefined
  if (options.only.includes('latency')) {
    if (ferry) {
      const file = prepareDataset('latency', prepare)
      log(`latency: ${file.description}, ${options.latencyRuns} runs per kind`)
      stops = await benchStops(
        ferry,
        file.source,
        file.counts.bytes,
        options.latencyRuns,
        join(root, 'runs'),
        log,
      )
    } else log('latency: skipped (no working Ferry CLI)')
  }

  const placeParts = options.only.filter((p): p is PlacePart =>
    (PLACE_PARTS as readonly string[]).includes(p),
  )
  let places: PlaceResult[] = []
  if (placeParts.length) {
    unmountOnSignals(log)
    try {
      places = await benchPlaces(placeParts, {
        options,
        plan,
        root,
        repoRoot,
        ferry,
        cores: workingCores,
        noSync,
        log,
      })
    } finally {
      unmountAll()
    }
  }

  let startup: DatasetResult | undefined
  if (options.only.includes('startup')) {
    if (ferry) {
      const file = prepareDataset('startup', prepare)
      log(`startup: ${file.description}, ${options.startupRuns} rounds against node -e 0`)
      startup = await benchDataset(file, makeStartupTools(ferry, workingCores), {
        rounds: options.startupRuns,
        warmup: 1,
        pauseMs: options.pauseMs,
        settleMs: 0,
        diskBudgetBytes: Number.MAX_SAFE_INTEGER,
        runsDir: join(root, 'runs'),
        log,
      })
    } else log('startup: skipped (no working Ferry CLI)')
  }

  let limitRuns: LimitRun[] | undefined
  if (options.only.includes('bwlimit')) {
    if (ferry) limitRuns = await benchLimit(ferry, workingCores, root, options.quick ? 1 : 2, log)
    else log('bwlimit: skipped (no working Ferry CLI)')
  }

  for (const d of [
    ...results,
    ...places.flatMap((p) => (p.result ? [p.result] : [])),
    ...(startup ? [startup] : []),
  ]) {
    for (const s of d.samples.values())
      if (s.failure) notes.push(`${s.tool.label} on ${d.dataset.name}: ${s.failure}`)
  }
  const report = renderReport({
    machine: machineInfo(root, repoRoot, rsyncPath, loadAtStart),
    profile: plan.profile,
    rounds: options.rounds,
    warmup: options.warmup,
    ferryArgs: options.ferryArgs,
    datasets: results,
    stops,
    places: placeParts.length || startup ? { places, startup, cores, noSync } : undefined,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    notes,
  })
  const fullReport = limitRuns ? `${report}\n${renderLimit(limitRuns)}\n` : report
  process.stdout.write(`\n${fullReport}`)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const resultsDir = join(root, 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${stamp}.md`), fullReport)
  const raw = [
    ...results,
    ...places.flatMap((p) => (p.result ? [p.result] : [])),
    ...(startup ? [startup] : []),
  ].map((d) => ({
    dataset: d.dataset,
    samples: Object.fromEntries([...d.samples].map(([id, s]) => [id, { ...s, tool: s.tool.label }])),
  }))
  writeFileSync(
    join(resultsDir, `${stamp}.json`),
    JSON.stringify({ options, cores, noSync, datasets: raw, stops }, null, 2),
  )
  if (options.out) writeFileSync(options.out, fullReport)
  log(`report saved to ${join(resultsDir, `${stamp}.md`)}${options.out ? ` and ${options.out}` : ''}`)
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exitCode = 1
  },
)
