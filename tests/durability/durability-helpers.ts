/**
 * Shared by the durability tests: a seeded source tree whose every file's hash is known, the built CLI (a private
 * snapshot of `out/`, so a concurrent rebuild cannot break a run), a seeded random number generator, and a check of
 * a destination that says which final names hold the wrong bytes, which files are missing and which temp names
 * (`.ferry-partial-…`) are left.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createCipheriv, createHash } from 'node:crypto'
import fs from 'node:fs'
import { join, relative } from 'node:path'
import { BUILT_CLI, REPO_ROOT } from '../helpers/cli'

/** Marks Ferry's temp names (see src/engine/partial-names.ts). */
export const PARTIAL = '.ferry-partial'

/** A deterministic generator of numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `size` bytes that depend only on `seed` and `name` (AES-128-CTR over zeros). */
function contents(seed: number, name: string, size: number): Buffer {
  const key = createHash('sha256').update(`${seed}:${name}`).digest()
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32))
  return cipher.update(Buffer.alloc(size))
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A generated tree: relative path → expected sha256 and size. */
export interface SeededTree {
  root: string
  seed: number
  files: Map<string, { hash: string; size: number }>
  bytes: number
}

/**
 * Writes `small` files of 4–200 KiB and `large` files of 1–4 MiB under `root`, spread over 10 folders (one nested),
 * contents and sizes from `seed`.
 */
export function makeSeededTree(root: string, seed: number, small = 300, large = 3): SeededTree {
  const random = rng(seed)
  const files = new Map<string, { hash: string; size: number }>()
  let bytes = 0
  const dirs = Array.from({ length: 10 }, (_, i) => (i === 9 ? join('d8', 'deep') : `d${i}`))
  for (const dir of dirs) fs.mkdirSync(join(root, dir), { recursive: true })
  const add = (rel: string, size: number): void => {
    const data = contents(seed, rel, size)
    fs.writeFileSync(join(root, rel), data)
    files.set(rel, { hash: sha256(data), size })
    bytes += size
  }
  for (let i = 0; i < small; i++) {
    const size = 4096 + Math.floor(random() * (200 * 1024 - 4096))
    add(join(dirs[i % dirs.length] as string, `f${String(i).padStart(3, '0')}.bin`), size)
  }
  for (let i = 0; i < large; i++) add(join('d0', `big${i}.bin`), (1 + Math.floor(random() * 4)) << 20)
  return { root, seed, files, bytes }
}

/** What a destination holds compared with the source tree. */
export interface TreeCheck {
  /** Final names whose bytes are not the source's (zero-length, short, other bytes), with what they hold. */
  wrong: string[]
  /** Source files with no final name in the destination. */
  missing: string[]
  /** Temp names left (`.ferry-partial…`), relative paths. */
  partials: string[]
  /** Files under final names that the source does not have. */
  unexpected: string[]
  /** Final names that hold exactly the source's bytes. */
  intact: number
}

/** Compares `dest` (the copy of `tree`'s root) with `tree`. A missing `dest` means nothing was copied. */
export function checkTree(dest: string, tree: SeededTree): TreeCheck {
  const check: TreeCheck = { wrong: [], missing: [], partials: [], unexpected: [], intact: 0 }
  const seen = new Set<string>()
  const visit = (dir: string): void => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      const rel = relative(dest, path)
      if (entry.isDirectory()) {
        visit(path)
        continue
      }
      if (entry.name.startsWith(PARTIAL)) {
        check.partials.push(`${rel} (${fs.lstatSync(path).size} B)`)
        continue
      }
      const want = tree.files.get(rel)
      if (!want) {
        check.unexpected.push(rel)
        continue
      }
      seen.add(rel)
      const data = fs.readFileSync(path)
      if (sha256(data) === want.hash) check.intact += 1
      else
        check.wrong.push(
          `${rel}: ${data.length === 0 ? 'zero-length' : `${data.length} B, other bytes`} (expected ${want.size} B)`,
        )
    }
  }
  visit(dest)
  for (const rel of tree.files.keys()) if (!seen.has(rel)) check.missing.push(rel)
  check.wrong.sort()
  check.missing.sort()
  check.partials.sort()
  return check
}

/** `[a, b, c, d, e]` → `"a, b, c … (5)"`: long lists stay readable in a failure message. */
export function few(list: string[], n = 5): string {
  return list.length <= n ? list.join(', ') : `${list.slice(0, n).join(', ')} … (${list.length})`
}

/** One line describing a check, for logs and assertion messages. */
export function describeCheck(check: TreeCheck, total: number): string {
  return (
    `${check.intact}/${total} intact, ${check.wrong.length} wrong under their final names` +
    `${check.wrong.length ? ` [${few(check.wrong, 3)}]` : ''}, ${check.missing.length} missing, ` +
    `${check.partials.length} temp names left${check.partials.length ? ` [${few(check.partials, 3)}]` : ''}`
  )
}

/**
 * Copies `out/` (the built CLI), package.json and a link to node_modules into `dir` and returns the copy's CLI
 * path: others rebuild `out/` in this work tree, which replaces its hashed chunks under a running process.
 * Undefined when `out/main/cli.js` is missing (run `npm run build`).
 */
export function snapshotCli(dir: string): string | undefined {
  if (!fs.existsSync(BUILT_CLI)) return undefined
  fs.mkdirSync(dir, { recursive: true })
  const cp = spawnSync('cp', ['-a', join(REPO_ROOT, 'out'), join(dir, 'out')])
  if (cp.status !== 0) throw new Error(`cannot copy out/: ${String(cp.stderr)}`)
  fs.copyFileSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'))
  fs.symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'))
  // The native core is looked for in native/build/Release above the bundle (src/engine/native/load.ts).
  if (fs.existsSync(join(REPO_ROOT, 'native'))) fs.symlinkSync(join(REPO_ROOT, 'native'), join(dir, 'native'))
  return join(dir, 'out', 'main', 'cli.js')
}

/** A spawned CLI: its process, output so far and how it ended. */
export interface SpawnedCli {
  child: ChildProcess
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Spawns `node CLI args…` with stdout and stderr collected. */
export function spawnCli(cli: string, args: string[]): SpawnedCli {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  )
  return { child, output: () => text, exited }
}

/** Waits for `p` up to `ms`; kills the child with SIGKILL if it has not exited by then. */
export async function exitWithin(
  cli: SpawnedCli,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), ms)
  try {
    return await cli.exited
  } finally {
    clearTimeout(timer)
  }
}

/** Final names (not temp names) under `dir` so far. */
export function countFinals(dir: string, withTempNames = false): number {
  let n = 0
  const visit = (d: string): void => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (e.isDirectory()) visit(join(d, e.name))
      else if (withTempNames || !e.name.startsWith(PARTIAL)) n++
    }
  }
  visit(dir)
  return n
}

/**
 * Waits (polling every 2 ms) until the CLI has written a file under `dir` (a final or a temp name: with commit
 * groups final names appear only after the data is durable) or has exited; returns when.
 */
export async function firstFinalName(dir: string, run: SpawnedCli): Promise<number> {
  let exited = false
  void run.exited.then(() => (exited = true))
  const deadline = performance.now() + 30_000
  while (!exited && performance.now() < deadline && countFinals(dir, true) === 0) await sleep(2)
  return performance.now()
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
