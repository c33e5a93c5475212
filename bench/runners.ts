/** Running one copy command and timing it, wall clock from spawn to exit, with Ferry's peak memory when probed. */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

/** A command line to run. */
export interface CommandSpec {
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  /** When set, the process writes its peak RSS (KiB) here at exit (see rss-probe.mjs). */
  rssFile?: string
}

/** A run that has not ended after this long is killed and reported as failed: a hung copier must not hang the bench. */
export const DEFAULT_TIMEOUT_MS = 300_000

/** The outcome of one run. */
export interface RunResult {
  /** Exit code 0 and no signal. */
  ok: boolean
  /** Wall time from just before spawn to the exit event. */
  seconds: number
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** Peak resident set size in bytes, when the process reported it. */
  peakRssBytes: number | undefined
  /** The last few KiB of stderr, to explain a failure. */
  stderrTail: string
  /** Killed with SIGKILL after the timeout. */
  timedOut: boolean
}

const TAIL_BYTES = 4096

/** Keeps only the end of a stream's text. */
export class Tail {
  private text = ''
  add(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-TAIL_BYTES)
  }
  toString(): string {
    return this.text
  }
}

/** Reads the RSS probe's file (KiB) as bytes, and removes it. */
export function readPeakRss(rssFile: string | undefined): number | undefined {
  if (!rssFile || !existsSync(rssFile)) return undefined
  const kib = Number(readFileSync(rssFile, 'utf8'))
  rmSync(rssFile, { force: true })
  return Number.isFinite(kib) && kib > 0 ? kib * 1024 : undefined
}

/**
 * Runs `spec` to completion. stdout is drained (and discarded) as a reader of `--json` would; the time stops at the
 * exit event, the result is returned once the pipes are closed too.
 */
export function runTimed(spec: CommandSpec, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RunResult> {
  return new Promise((resolve) => {
    if (spec.rssFile) rmSync(spec.rssFile, { force: true })
    const env = spec.rssFile ? { ...process.env, ...spec.env, FERRY_BENCH_RSS_FILE: spec.rssFile } : spec.env
    const stderr = new Tail()
    const started = performance.now()
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ?? process.env,
    })
    let seconds = 0
    let exitCode: number | null = null
    let signal: NodeJS.Signals | null = null
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stdout.resume()
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk))
    child.on('exit', (code, sig) => {
      seconds = (performance.now() - started) / 1000
      exitCode = code
      signal = sig
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({
        ok: false,
        seconds: 0,
        exitCode: null,
        signal: null,
        peakRssBytes: undefined,
        stderrTail: error.message,
        timedOut,
      })
    })
    child.on('close', () => {
      clearTimeout(timer)
      resolve({
        ok: exitCode === 0 && signal === null && !timedOut,
        seconds,
        exitCode,
        signal,
        peakRssBytes: readPeakRss(spec.rssFile),
        stderrTail: timedOut ? `timed out after ${timeoutMs / 1000} s. ${stderr}` : stderr.toString(),
        timedOut,
      })
    })
  })
}

/** Runs a shell-free command and waits for it, ignoring output (sync, rm -rf). Rejects on a non-zero exit. */
export function runQuiet(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    const stderr = new Tail()
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`)),
    )
  })
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
