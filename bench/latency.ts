/**
 * Stop latency: Ferry copies one large file with its default chunk size; once the destination's partial file holds
 * some bytes (mid-file, not at the start), a signal is sent and the time until the process exits is measured.
 * - cancel: SIGINT (graceful: stop at the next chunk boundary, delete the partial file);
 * - terminate: SIGTERM (threads destroyed at once, then the partial file deleted);
 * - Ctrl-C twice: SIGINT, then SIGINT again once the CLI has printed that it is cancelling; timed from the second.
 * A run counts only when the CLI's `--json` output shows it took the intended action and the exit code matches.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { runQuiet, sleep, Tail } from './runners'
import type { FerryCli } from './tools'
import { readTree } from './tree'

export const STOP_KINDS = ['cancel', 'terminate', 'ctrl-c-twice'] as const
export type StopKind = (typeof STOP_KINDS)[number]

/** One measured stop. */
export interface StopSample {
  ms: number
  exitCode: number | null
  /** Bytes in the partial file when the signal went out. */
  bytesAtSignal: number
}

/** All runs of one kind. */
export interface StopResult {
  kind: StopKind
  samples: StopSample[]
  /** Why runs were discarded (signal too late, wrong action, …), one entry per discarded run. */
  discarded: string[]
  /** Problems seen after a stop: partial files left, a torn file under its final name. Should stay empty. */
  problems: string[]
}

const EXPECTED: Record<StopKind, { actions: string[]; exitCode: number }> = {
  cancel: { actions: ['cancel'], exitCode: 130 },
  terminate: { actions: ['terminate'], exitCode: 143 },
  'ctrl-c-twice': { actions: ['cancel', 'terminate'], exitCode: 130 },
}

type Attempt = { ok: true; sample: StopSample; problems: string[] } | { ok: false; reason: string }

/** The partial file's size, when Ferry is writing one in `dir` (anything other than the final name). */
function partialBytes(dir: string, finalName: string): number | undefined {
  for (const name of readdirSync(dir)) {
    if (name === finalName) continue
    try {
      return statSync(join(dir, name)).size
    } catch {
      // Renamed or removed between readdir and stat.
    }
  }
  return undefined
}

async function attempt(
  kind: StopKind,
  cli: FerryCli,
  source: string,
  size: number,
  dir: string,
): Promise<Attempt> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const finalName = basename(source)
  const threshold = Math.min(32 * 1024 * 1024, Math.floor(size / 4))
  const child = spawn(process.execPath, [cli.cliPath, ...cli.extraArgs, '--json', source, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const actions: string[] = []
  let buffered = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.includes('"signal"')) continue
      const parsed = JSON.parse(line) as { type?: string; action?: string }
      if (parsed.type === 'signal' && parsed.action) actions.push(parsed.action)
    }
  })
  const stderr = new Tail()
  child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk))
  let exitedAt: number | undefined
  let exitCode: number | null = null
  child.on('exit', (code) => {
    exitedAt = performance.now()
    exitCode = code
  })
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))

  let bytesAtSignal: number | undefined
  const deadline = performance.now() + 60_000
  while (exitedAt === undefined && performance.now() < deadline) {
    const partial = partialBytes(dir, finalName)
    if (partial !== undefined && partial >= threshold && partial < size) {
      bytesAtSignal = partial
      break
    }
    await sleep(1)
  }
  let sentAt = 0
  if (bytesAtSignal !== undefined) {
    if (kind === 'ctrl-c-twice') {
      // Two signals sent back to back can merge into one pending signal; send the second once the CLI has said it
      // is cancelling. If the cancel is already over by then, the run is discarded (nothing left to terminate).
      child.kill('SIGINT')
      const ackDeadline = performance.now() + 5_000
      while (!actions.includes('cancel') && exitedAt === undefined && performance.now() < ackDeadline)
        await sleep(1)
    }
    sentAt = performance.now()
    child.kill(kind === 'terminate' ? 'SIGTERM' : 'SIGINT')
  } else if (exitedAt === undefined) child.kill('SIGKILL')
  await closed
  if (bytesAtSignal === undefined) {
    return {
      ok: false,
      reason: exitedAt === undefined ? 'no partial file within 60 s' : 'copy ended before mid-file',
    }
  }
  const expected = EXPECTED[kind]
  if (exitCode !== expected.exitCode || actions.join(',') !== expected.actions.join(',')) {
    return {
      ok: false,
      reason:
        exitedAt !== undefined && exitedAt < sentAt
          ? 'stopped before the second signal'
          : `exit ${exitCode}, actions [${actions.join(', ')}]${actions.length ? '' : `: ${stderr.toString().trim().slice(-200)}`}`,
    }
  }
  const problems: string[] = []
  for (const name of readdirSync(dir)) {
    if (name !== finalName) problems.push(`${kind}: left ${name} behind`)
    else if (statSync(join(dir, name)).size !== size) problems.push(`${kind}: torn file under its final name`)
  }
  return { ok: true, sample: { ms: (exitedAt ?? sentAt) - sentAt, exitCode, bytesAtSignal }, problems }
}

/** `["a", "a", "b"]` → `"2× a; b"`. */
function countReasons(reasons: string[]): string {
  const counts = new Map<string, number>()
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].map(([r, n]) => (n > 1 ? `${n}× ${r}` : r)).join('; ')
}

/** Measures each stop kind `runs` times (up to 3 × runs attempts) on `source`, a file of `size` bytes. */
export async function benchStops(
  cli: FerryCli,
  source: string,
  size: number,
  runs: number,
  workDir: string,
  log: (line: string) => void,
): Promise<StopResult[]> {
  readTree(source)
  const results: StopResult[] = []
  for (const kind of STOP_KINDS) {
    const result: StopResult = { kind, samples: [], discarded: [], problems: [] }
    for (let tries = 0; result.samples.length < runs && tries < runs * 3; tries += 1) {
      await runQuiet('sync', [])
      await sleep(200)
      const outcome = await attempt(kind, cli, source, size, join(workDir, 'stop'))
      if (outcome.ok) {
        result.samples.push(outcome.sample)
        result.problems.push(...outcome.problems)
      } else result.discarded.push(outcome.reason)
    }
    const times = result.samples.map((s) => `${s.ms.toFixed(1)}`).join(', ')
    log(
      `  ${kind}: [${times}] ms${result.discarded.length ? `; discarded: ${countReasons(result.discarded)}` : ''}`,
    )
    results.push(result)
  }
  rmSync(workDir, { recursive: true, force: true })
  return results
}
