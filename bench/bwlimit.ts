/**
 * `--only bwlimit`: how closely `--bwlimit` holds its rate (issue 13: within 5 % over 10 s). One file of
 * {@link FILE_BYTES} is copied with `--bwlimit 20MiB/s --no-sync --json` per core; the rate is read off the CLI's own
 * progress events over the steady part of the copy (from 1 s in to the last sample before the end), so start-up
 * and the final flush do not count. Wall time ÷ the ideal time is given too.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { writeRandomish } from './datasets'
import * as fmt from './format'
import { type CoreName, type FerryCli, ferryCommand } from './tools'

export const LIMIT = 20 * 2 ** 20
const FILE_BYTES = 240 * 2 ** 20

export interface LimitRun {
  core: CoreName
  /** Bytes per second over the steady window. */
  rate: number
  windowSeconds: number
  wallSeconds: number
  ok: boolean
  problem?: string
}

interface Sample {
  ms: number
  bytes: number
}

/** Runs Ferry once and collects its progress samples (elapsedMs, bytesDone). */
function runWithSamples(
  cli: FerryCli,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; samples: Sample[]; seconds: number; stderr: string }> {
  return new Promise((resolve) => {
    const spec = ferryCommand(cli, args, env)
    const started = performance.now()
    const child = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'], env: spec.env })
    const samples: Sample[] = []
    let pending = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (!line.startsWith('{')) continue
        const event = JSON.parse(line) as {
          type: string
          progress?: { elapsedMs: number; bytesDone: number }
        }
        if (event.type === 'progress' && event.progress)
          samples.push({ ms: event.progress.elapsedMs, bytes: event.progress.bytesDone })
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
    child.on('close', (code) =>
      resolve({ code, samples, seconds: (performance.now() - started) / 1000, stderr }),
    )
  })
}

/** Copies the file `runs` times per core into `root` with the limit; returns each run's steady rate. */
export async function benchLimit(
  cli: FerryCli,
  cores: CoreName[],
  root: string,
  runs: number,
  log: (line: string) => void,
): Promise<LimitRun[]> {
  const dir = join(root, 'bwlimit')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const source = join(dir, 'file.bin')
  writeRandomish(source, FILE_BYTES, randomBytes(32 * 2 ** 20), 8 * 2 ** 20)
  const results: LimitRun[] = []
  for (let round = 0; round < runs; round++) {
    for (const core of cores) {
      const dest = join(dir, `copy-${core}-${round}.bin`)
      const run = await runWithSamples(cli, ['--json', '--no-sync', '--bwlimit', `${LIMIT}`, source, dest], {
        FERRY_CORE: core,
      })
      rmSync(dest, { force: true })
      const steady = run.samples.filter((s) => s.ms >= 1000 && s.bytes < FILE_BYTES)
      const first = steady[0]
      const last = steady[steady.length - 1]
      if (run.code !== 0 || !first || !last || last.ms - first.ms < 1000) {
        results.push({
          core,
          rate: 0,
          windowSeconds: 0,
          wallSeconds: run.seconds,
          ok: false,
          problem: run.code !== 0 ? `exit ${run.code}: ${run.stderr.trim()}` : 'too few progress samples',
        })
        continue
      }
      const windowSeconds = (last.ms - first.ms) / 1000
      const rate = (last.bytes - first.bytes) / windowSeconds
      log(`bwlimit ${core} #${round + 1}: ${fmt.bytes(rate)}/s over ${windowSeconds.toFixed(1)} s`)
      results.push({ core, rate, windowSeconds, wallSeconds: run.seconds, ok: true })
    }
  }
  rmSync(dir, { recursive: true, force: true })
  return results
}

/** The Markdown section of the report. */
export function renderLimit(runs: LimitRun[]): string {
  const lines = [
    `Bandwidth limit: one ${fmt.bytes(FILE_BYTES)} file with \`--bwlimit ${fmt.bytes(LIMIT)}/s --no-sync\`; the rate is bytes over the steady window of the CLI's own progress samples (from 1 s in to the last sample before the end).`,
    '',
    '| Core | Rate | ÷ limit | Window | Wall time (ideal ' + (FILE_BYTES / LIMIT).toFixed(1) + ' s) |',
    '|---|---:|---:|---:|---:|',
  ]
  for (const run of runs) {
    if (!run.ok) lines.push(`| ${run.core} | failed: ${run.problem ?? ''} | | | |`)
    else
      lines.push(
        `| ${run.core} | ${fmt.bytes(run.rate)}/s | ${(run.rate / LIMIT).toFixed(3)}× | ${run.windowSeconds.toFixed(1)} s | ${run.wallSeconds.toFixed(2)} s |`,
      )
  }
  return lines.join('\n')
}
