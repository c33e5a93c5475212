/**
 * `ferry [options] SRC... DEST`: parses arguments, runs one copy job on the engine and reports it. Streams, signals,
 * environment and the worker location are injected, so tests run the real CLI in a child process with the
 * TypeScript worker and the bundle runs it with the built one.
 */
import { version } from '../../package.json'
import { rmSync } from 'node:fs'
import {
  copyCore,
  type CopyEngine,
  createEngine,
  type EngineOptions,
  FerryError,
  JobJournal,
  scopeFor,
} from '../engine'
import type { FerryErrorData } from '../shared/job'
import { dryRunExitCode, planCopy, planText } from './dry-run'
import { EXIT_FAILED, EXIT_USAGE, exitCodeFor } from './exit-codes'
import { type CliOptions, parseArgs, toJobOptions } from './parse-args'
import { JsonReporter } from './render/json-reporter'
import { ReportWriter } from './report/report-writer'
import { PlainReporter } from './render/plain-reporter'
import type { OutStream, Reporter } from './render/reporter'
import { warningLine } from './render/summary-text'
import { journalPath, resumeNotice } from './resume'
import { SignalHandler, type SignalSource } from './signals'

/** What the CLI needs from its surroundings. */
export interface CliDeps {
  /** Absolute path of the copy worker (the bundle's `copy-worker?modulePath`, or the .ts file under tsx). */
  workerPath: string
  /** `execArgv` for worker threads (`['--import', 'tsx']` when the worker is TypeScript). */
  workerExecArgv?: string[]
  stdout: OutStream
  /** Failures, warnings, notices and (on a terminal) the live display. */
  stderr: OutStream
  /** Relative paths are resolved against this. */
  cwd: string
  env: Record<string, string | undefined>
  signals: SignalSource
  /** Ends the process now (third Ctrl-C). */
  exit: (code: number) => void
  /** Engine factory (tests may wrap the real one). */
  createEngine?: (options: EngineOptions) => CopyEngine
}

/** Progress events per second from the engine, and the most the display or `--json` emits. */
const PROGRESS_HZ = 10

/** The reporter for this output; the live display (cli-progress) is loaded only for a terminal. */
async function chooseReporter(options: CliOptions, deps: CliDeps): Promise<Reporter> {
  if (options.json)
    return new JsonReporter({ stdout: deps.stdout, stderr: deps.stderr, maxPerSecond: PROGRESS_HZ })
  if (deps.stderr.isTTY && deps.env.TERM !== 'dumb') {
    const { TtyReporter } = await import('./render/tty-reporter')
    return new TtyReporter({ stdout: deps.stdout, stderr: deps.stderr, fps: PROGRESS_HZ })
  }
  return new PlainReporter(deps.stdout, deps.stderr)
}

/** A refusal (pre-flight or start) is bad input: exit 2. Anything else is our failure: exit 1. */
function refusal(error: unknown): { data: FerryErrorData; code: number } {
  if (error instanceof FerryError && error.code !== 'INTERNAL')
    return { data: error.toData(), code: EXIT_USAGE }
  const message = error instanceof Error ? error.message : String(error)
  return { data: { code: 'INTERNAL', message: `internal error: ${message}` }, code: EXIT_FAILED }
}

async function dryRun(
  engine: CopyEngine,
  options: CliOptions,
  deps: CliDeps,
  reporter: Reporter,
): Promise<number> {
  let preflight
  try {
    preflight = await engine.preflight(toJobOptions(options))
  } catch (error) {
    const { data, code } = refusal(error)
    reporter.refused(data, code)
    return code
  }
  for (const warning of preflight.warnings) deps.stderr.write(`${warningLine(warning)}\n`)
  const plan = await planCopy(preflight.roots, await scopeFor(toJobOptions(options)))
  // A destination a real run could not write into makes the dry run fail too (it promised nothing it can't do).
  const exitCode = dryRunExitCode(plan)
  if (options.json) {
    deps.stdout.write(
      `${JSON.stringify({ type: 'plan', exitCode, ...plan, warnings: preflight.warnings })}\n`,
    )
  } else {
    deps.stdout.write(planText(plan, options.onConflict, options.move))
  }
  return exitCode
}

async function copy(
  engine: CopyEngine,
  options: CliOptions,
  signals: SignalHandler,
  reporter: Reporter,
  deps: CliDeps,
): Promise<number> {
  const { stderr } = deps
  const jobOptions = toJobOptions(options)
  const journalFile = journalPath(jobOptions, deps.env)
  if (options.resume === 'never') rmSync(journalFile, { force: true })
  const journal = JobJournal.open(journalFile)
  if (options.resume === 'require' && !journal.previous) {
    const message = `Nothing to resume: no interrupted run of this command was found (its journal would be ${journalFile}). Run it without --resume to copy.`
    reporter.refused({ code: 'INVALID_INPUT', message }, EXIT_USAGE)
    return EXIT_USAGE
  }
  if (journal.unreadable) {
    stderr.write(
      `ferry: the resume journal ${journalFile} was not used (${journal.unreadable}); starting over.\n`,
    )
  }
  let report: ReportWriter | undefined
  if (options.report) {
    try {
      report = new ReportWriter(options.report, jobOptions)
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? String(error)
      const message = `Cannot write the report ${options.report} (${why}); choose a path in a writable folder.`
      reporter.refused({ code: 'INVALID_INPUT', message, path: options.report }, EXIT_USAGE)
      return EXIT_USAGE
    }
  }
  let job
  try {
    // The CLI lists only files that were not copied, so the engine need not describe every copied one — unless a
    // report is asked for: then every file's result streams to it, and the display still sees only the problems.
    job = await engine.start(jobOptions, {
      onEvent: (event) => {
        if (event.type === 'started' && event.runtime?.resumed && !options.json) {
          stderr.write(resumeNotice(event.runtime.resumed))
        }
        if (!report || event.type !== 'files') return reporter.event(event)
        report.add(event.results)
        reporter.event({ ...event, results: event.results.filter((result) => result.status !== 'done') })
      },
      results: report ? 'all' : 'problems',
      journal,
    })
  } catch (error) {
    report?.discard()
    const { data, code } = refusal(error)
    reporter.refused(data, code)
    return code
  }
  signals.attach(job)
  const summary = await job.done
  let code = exitCodeFor(summary, signals.firstSignal)
  report?.finish(summary)
  if (report?.failure) {
    stderr.write(`ferry: the report ${report.path} is incomplete: writing it failed (${report.failure}).\n`)
    if (code === 0) code = EXIT_FAILED
  }
  reporter.finish(summary, code)
  return code
}

/** `ferry --version`: the package version, then which copy core runs and why. */
function versionText(): string {
  try {
    const { core, reason } = copyCore()
    return `${version}\ncopy core: ${core} (${reason})`
  } catch (error) {
    return `${version}\ncopy core: unavailable (${error instanceof Error ? error.message : String(error)})`
  }
}

/**
 * Runs the CLI on `argv` (as `process.argv`) and resolves with the exit status: 0 done, 1 some files failed,
 * 2 bad usage or refused input (nothing written), 128 + signal number when stopped by a signal (130 for Ctrl-C).
 * Never rejects for bad input; the engine is closed (threads gone) before it resolves.
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const parsed = parseArgs(argv, deps.cwd, versionText(), {
    stdout: (text) => deps.stdout.write(text),
    stderr: (text) => deps.stderr.write(text),
    columns: deps.stdout.columns,
  })
  if (parsed.kind === 'exit') return parsed.code
  const options = parsed.options
  const reporter = await chooseReporter(options, deps)
  let engine: CopyEngine
  try {
    engine = (deps.createEngine ?? createEngine)({
      workerPath: deps.workerPath,
      workerExecArgv: deps.workerExecArgv,
      threads: options.jobs,
      progressHz: PROGRESS_HZ,
    })
  } catch (error) {
    const { data, code } = refusal(error)
    reporter.refused(data, code)
    return code
  }
  if (options.dryRun) {
    // No handler: Ctrl-C during a dry run may end the process at once, as nothing is being written.
    try {
      return await dryRun(engine, options, deps, reporter)
    } finally {
      await engine.close()
    }
  }
  let reported = false
  const signals = new SignalHandler(
    deps.signals,
    // After the summary, a late Ctrl-C still escalates (a third one exits) but adds no line after the summary.
    (notice) => (reported ? undefined : reporter.signal(notice)),
    (code) => {
      if (deps.stderr.isTTY) deps.stderr.write('\x1B[?25h') // the live display hid the cursor
      deps.exit(code)
    },
  )
  try {
    const code = await copy(engine, options, signals, reporter, deps)
    reported = true
    return code
  } finally {
    reported = true
    // Listen until the threads are gone: a second Ctrl-C while closing must not kill the process by default.
    await engine.close()
    signals.dispose()
  }
}
