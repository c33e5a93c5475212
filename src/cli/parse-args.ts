import { readFileSync } from 'node:fs'
import { extname, isAbsolute, resolve } from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import {
  AUTOMATIC_CONFLICT_POLICIES,
  checkJobOptions,
  JOB_LIMITS,
  type JobOptions,
  patternLines,
} from '../shared/job-options'
import { parseSize } from './parse-size'

/** A conflict policy the CLI can apply without asking (no `ask`: a terminal copy must not block on a prompt). */
export type CliConflictPolicy = (typeof AUTOMATIC_CONFLICT_POLICIES)[number]

/** What the user asked for, validated, with paths made absolute. */
export interface CliOptions {
  sources: string[]
  destination: string
  /** Worker threads; undefined lets the engine use its measured default. */
  jobs: number | undefined
  /** Chunk size in bytes; undefined lets the engine use its measured default. */
  chunkSize: number | undefined
  onConflict: CliConflictPolicy
  verify: boolean
  /** False with `--no-sync`: files are renamed as soon as written, nothing is flushed (not crash-safe). */
  sync: boolean
  /** `--move`: delete each source once its copy is durable (rename on the same filesystem). */
  move: boolean
  json: boolean
  dryRun: boolean
  /** Filter patterns (`--exclude`, then the lines of each `--exclude-from` file; `--include`). */
  exclude: string[]
  include: string[]
  excludeJunk: boolean
  /** `--report FILE`: absolute path of the per-file report, `.csv` or `.json`. */
  report: string | undefined
  /** `--bwlimit RATE`: bytes per second for the whole job; undefined: no limit. */
  bandwidthLimit: number | undefined
  /** `auto` (default): continue an interrupted run of the same job if there is one; `--resume`: must; `--no-resume`: start over. */
  resume: 'auto' | 'require' | 'never'
}

/** The outcome of parsing: run a copy, or stop now with an exit code (help, version, usage error). */
export type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'exit'; code: number }

/** Where commander writes help, version and errors. */
export interface ParseOutput {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Terminal width for help wrapping, when known. */
  columns?: number
}

/** Upper bound for `--jobs`, the engine's own limit (checked here too so the message names the option). */
export const MAX_JOBS = JOB_LIMITS.maxThreads

function parseJobs(value: string): number {
  const n = Number(value)
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new InvalidArgumentError(`--jobs takes a whole number from 1 to ${MAX_JOBS}.`)
  }
  return n
}

function parseChunkSize(value: string): number {
  const parsed = parseSize(value)
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.message}.`)
  return parsed.bytes
}

/**
 * `--bwlimit`: a size per second (`20MiB/s`, `20M`, `500KiB/s`; units as `--chunk-size`), 0 for none (as rsync).
 */
export function parseBandwidth(value: string): number {
  const text = value.trim().replace(/\/s$/i, '')
  if (/^0+$/.test(text)) return 0
  const parsed = parseSize(text)
  if (!parsed.ok) {
    throw new InvalidArgumentError(
      `${parsed.message.replace(/^"[^"]*"/, `"${value}"`)} per second, e.g. 20MiB/s.`,
    )
  }
  if (parsed.bytes < JOB_LIMITS.minBandwidth) {
    throw new InvalidArgumentError(
      `"${value}" is below the slowest limit, ${JOB_LIMITS.minBandwidth / 1024}KiB/s (0 means no limit).`,
    )
  }
  return parsed.bytes
}

/** Commander's collector for a repeatable option. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/**
 * The patterns of an `--exclude-from` file: one per line; blank lines and lines starting with `#` are skipped; a
 * line is otherwise taken as it is (spaces included), without its line ending.
 */
export function patternsFromFile(text: string): string[] {
  return patternLines(text)
}

function buildProgram(version: string, out: ParseOutput): Command {
  return new Command('ferry')
    .usage('[options] SRC... DEST')
    .description(
      'Copy files and folders with live progress, safely: every file is written under a temporary name and\n' +
        'renamed into place only when complete. Destination rules are those of `cp -r`: an existing folder\n' +
        'receives the sources inside it; a single source folder and a missing DEST makes DEST the copy.',
    )
    .argument('<paths...>', 'one or more sources, then the destination')
    .option('-j, --jobs <n>', 'worker threads to copy with (default: measured for this machine)', parseJobs)
    .option('-c, --chunk-size <size>', 'read/write chunk size, e.g. 64KiB, 8MiB, 1M, 65536', parseChunkSize)
    .addOption(
      new Option('--on-conflict <policy>', 'when a destination file exists')
        .choices(AUTOMATIC_CONFLICT_POLICIES)
        .default('skip'),
    )
    .option('--verify', 'hash each file while reading, re-read the copy and compare')
    .option(
      '--no-sync',
      'do not wait for the data to reach the disk (faster scratch copies; NOT crash-safe: a power cut can\nleave empty or partial files under their final names)',
    )
    .option(
      '--move',
      'move instead of copy: delete each source file once its copy is complete and on the disk (on the\n' +
        'same filesystem: rename it); remove source folders left empty. Implies sync',
    )
    .option('--json', 'print one JSON event per line on stdout instead of the progress display')
    .option('-n, --dry-run', 'check the sources and destination and print the plan; write nothing')
    .option(
      '--exclude <pattern>',
      'leave out what matches (a glob on the path under the source; without /: a name at any depth;\n' +
        'a leading / anchors at the source, a trailing / matches folders only); repeatable',
      collect,
    )
    .option(
      '--include <pattern>',
      'copy only the files that match (folders are still searched); repeatable',
      collect,
    )
    .option(
      '--exclude-from <file>',
      'read --exclude patterns from a file, one per line (# comments)',
      collect,
    )
    .option('--exclude-junk', 'leave out .DS_Store, ._*, Thumbs.db and desktop.ini')
    .option('--report <file>', "write every file's outcome to FILE: CSV (.csv) or JSON (.json)")
    .option(
      '--resume',
      'continue an interrupted run of this same command (the default when one exists); error if none',
    )
    .option('--no-resume', 'start over: forget what an interrupted run of this command had copied')
    .option(
      '--bwlimit <rate>',
      'limit the whole copy to RATE per second, e.g. 20MiB/s, 500KiB/s (0: no limit); clones are not limited',
      parseBandwidth,
    )
    .version(version, '-V, --version', 'print the version and which copy core runs, and exit')
    .helpOption('-h, --help', 'print this help and exit')
    .addHelpText(
      'after',
      '\nExit codes: 0 all copied (files skipped by the conflict policy included), 1 some files failed,\n' +
        '2 bad usage or refused input (nothing written), 130 stopped by Ctrl-C (143 SIGTERM, 129 SIGHUP).\n' +
        'Ctrl-C once: finish the current chunk, remove partial files and stop. Twice: stop at once.\n' +
        '\nExamples:\n' +
        '  ferry photos /mnt/backup              copy the folder photos into /mnt/backup/photos\n' +
        '  ferry -j 4 --verify a.iso b.iso /mnt  copy two files with 4 threads and verify them\n' +
        '  ferry --move ~/Downloads/film /mnt    move a folder (sources deleted once on the disk)\n' +
        '  ferry --json src dst | jq .type       machine-readable progress',
    )
    .showHelpAfterError("(run 'ferry --help' for usage)")
    .configureOutput({
      writeOut: out.stdout,
      writeErr: out.stderr,
      getOutHelpWidth: () => out.columns ?? 100,
      getErrHelpWidth: () => out.columns ?? 100,
    })
    .exitOverride()
}

/** Commander's codes for "printed what was asked, stop successfully". */
const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version'])

/**
 * Parses `argv` (as `process.argv`: node, script, then arguments). Relative paths are resolved against `cwd`.
 * Never throws: help and version give `{kind: 'exit', code: 0}`; any usage error is printed to `out.stderr` and gives
 * exit code 2.
 */
export function parseArgs(argv: string[], cwd: string, version: string, out: ParseOutput): ParsedArgs {
  const program = buildProgram(version, out)
  try {
    program.parse(argv, { from: 'node' })
  } catch (error) {
    if (error instanceof CommanderError) {
      return { kind: 'exit', code: SUCCESS_CODES.has(error.code) ? 0 : 2 }
    }
    throw error
  }
  const paths = program.processedArgs[0] as string[]
  const usage = (message: string): ParsedArgs => {
    out.stderr(`error: ${message}\n(run 'ferry --help' for usage)\n`)
    return { kind: 'exit', code: 2 }
  }
  if (paths.length < 2) {
    return usage(`missing destination: give at least one source and a destination (ferry SRC... DEST)`)
  }
  if (paths.some((p) => p.length === 0)) return usage('an empty path was given')
  if (paths.some((p) => p.includes('\0'))) return usage('a path contains a NUL character')
  const absolute = paths.map((p) => (isAbsolute(p) ? resolve(p) : resolve(cwd, p)))
  const opts = program.opts<{
    jobs?: number
    chunkSize?: number
    onConflict: CliConflictPolicy
    verify?: boolean
    sync: boolean
    move?: boolean
    json?: boolean
    dryRun?: boolean
    exclude?: string[]
    include?: string[]
    excludeFrom?: string[]
    excludeJunk?: boolean
    report?: string
    bwlimit?: number
    resume?: boolean
  }>()
  const exclude = [...(opts.exclude ?? [])]
  for (const file of opts.excludeFrom ?? []) {
    try {
      exclude.push(...patternsFromFile(readFileSync(resolve(cwd, file), 'utf8')))
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error)
      return usage(`--exclude-from: cannot read ${file} (${reason})`)
    }
  }
  let report: string | undefined
  if (opts.report !== undefined) {
    const extension = extname(opts.report).toLowerCase()
    if (extension !== '.csv' && extension !== '.json') {
      return usage(`--report: ${opts.report} must end in .csv or .json (the extension chooses the format)`)
    }
    report = resolve(cwd, opts.report)
  }
  const options: CliOptions = {
    sources: absolute.slice(0, -1),
    destination: absolute[absolute.length - 1] as string,
    jobs: opts.jobs,
    chunkSize: opts.chunkSize,
    onConflict: opts.onConflict,
    verify: opts.verify === true,
    sync: opts.sync !== false,
    move: opts.move === true,
    json: opts.json === true,
    dryRun: opts.dryRun === true,
    exclude,
    include: opts.include ?? [],
    excludeJunk: opts.excludeJunk === true,
    report,
    bandwidthLimit: opts.bwlimit ? opts.bwlimit : undefined,
    resume: opts.resume === true ? 'require' : opts.resume === false ? 'never' : 'auto',
  }
  // The shared schema has the last word on what a job may be (the option parsers above only give earlier, named
  // messages for the same limits).
  const checked = checkJobOptions(toJobOptions(options))
  if (!checked.ok) {
    const flags: Record<string, string> = {
      threads: '--jobs',
      chunkSize: '--chunk-size',
      exclude: '--exclude/--exclude-from',
      include: '--include',
      bandwidthLimit: '--bwlimit',
    }
    const problem = checked.problems[0]!
    const flag = flags[problem.field]
    return usage(flag ? `${flag}: ${problem.message.replace(/^[^:]*: /, '')}` : problem.message)
  }
  return { kind: 'run', options }
}

/** The engine's job options for what the user asked (cp -r destination rules: no `intoDestination`). */
export function toJobOptions(options: CliOptions): JobOptions {
  const job: JobOptions = {
    sources: options.sources,
    destination: options.destination,
    onConflict: options.onConflict,
    verify: options.verify,
  }
  if (!options.sync) job.sync = false
  if (options.move) job.move = true
  if (options.chunkSize !== undefined) job.chunkSize = options.chunkSize
  if (options.jobs !== undefined) job.threads = options.jobs
  if (options.exclude.length > 0) job.exclude = options.exclude
  if (options.include.length > 0) job.include = options.include
  if (options.excludeJunk) job.excludeJunk = true
  if (options.bandwidthLimit !== undefined) job.bandwidthLimit = options.bandwidthLimit
  return job
}
