/**
 * Running the `ferry` CLI in real child processes: the TypeScript entry (tests/helpers/cli-entry.ts under tsx, with the
 * .ts copy worker) or the built bundle (out/main/cli.js), optionally as the unprivileged user `nobody` or inside a
 * pseudo-terminal. Plus tree hashing to prove copies byte-identical.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { lstat, opendir, readlink } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** The test entry: same runCli as the bundle, with the TypeScript worker. */
export const CLI_ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url))
/** The bundle that package.json's `bin.ferry` points at. */
export const BUILT_CLI = join(REPO_ROOT, 'out/main/cli.js')
/** tsx's loader as a URL: `--import tsx` would resolve against the child's cwd, which tests vary. */
const TSX = import.meta.resolve('tsx')

export interface CliRunOptions {
  cwd?: string
  env?: Record<string, string>
  /** Run as `nobody:nogroup` without supplementary groups, so file modes apply (we are root). */
  asNobody?: boolean
  /** Run the built bundle instead of the TypeScript entry. */
  built?: boolean
  /** Kill (SIGKILL) and fail after this long. */
  timeoutMs?: number
  /** Run with at most this many open file descriptors (util-linux `prlimit --nofile`). */
  fdLimit?: number
}

/** How a CLI process ended. `code` is null only when a signal killed it. */
export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A running CLI process with its output so far. */
export interface CliProcess {
  child: ChildProcess
  readonly stdout: string
  readonly stderr: string
  /** Resolves once `test` holds for the output so far (checked on every chunk); rejects if the process ends first. */
  waitFor(test: (out: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>
  /** Resolves when the process has exited. */
  readonly exited: Promise<CliResult>
}

function command(args: string[], options: CliRunOptions): { file: string; argv: string[] } {
  const node = options.built ? [BUILT_CLI, ...args] : ['--import', TSX, CLI_ENTRY, ...args]
  if (options.fdLimit !== undefined) {
    const limit = `--nofile=${options.fdLimit}:${options.fdLimit}`
    return { file: 'prlimit', argv: [limit, process.execPath, ...node] }
  }
  if (!options.asNobody) return { file: process.execPath, argv: node }
  return {
    file: 'setpriv',
    argv: ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...node],
  }
}

/** Starts `ferry args…` and tracks its output. */
export function spawnFerry(args: string[], options: CliRunOptions = {}): CliProcess {
  const { file, argv } = command(args, options)
  const child = spawn(file, argv, {
    cwd: options.cwd ?? REPO_ROOT,
    // tsx keeps a per-user cache under the temp dir; HOME=/tmp keeps `nobody` away from root's home.
    env: { ...process.env, HOME: options.asNobody ? '/tmp' : (process.env.HOME ?? '/tmp'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const waiters = new Set<() => void>()
  const notify = (): void => waiters.forEach((check) => check())
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), notify()))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), notify()))
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000)
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timeout)
      notify()
      resolve({ code, signal, stdout, stderr })
    })
  })
  let ended = false
  void exited.finally(() => (ended = true))
  return {
    child,
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    exited,
    waitFor(test, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for output:\n${stdout}\n${stderr}`)),
          timeoutMs,
        )
        const finish = (error?: Error): void => {
          clearTimeout(timer)
          waiters.delete(check)
          if (error) reject(error)
          else resolve()
        }
        const check = (): void => {
          if (test({ stdout, stderr })) finish()
          else if (ended) finish(new Error(`ferry exited before the expected output:\n${stdout}\n${stderr}`))
        }
        waiters.add(check)
        check()
      })
    },
  }
}

/** Runs `ferry args…` to completion. */
export function runFerry(args: string[], options: CliRunOptions = {}): Promise<CliResult> {
  return spawnFerry(args, options).exited
}

/**
 * Runs `ferry args…` inside a pseudo-terminal (util-linux `script`), so stdout and stderr are a TTY as in an
 * interactive shell. Output of both streams arrives merged, as a terminal shows it.
 */
export function runFerryInTerminal(args: string[], options: CliRunOptions = {}): Promise<CliResult> {
  const { file, argv } = command(args, options)
  const quoted = [file, ...argv].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--return', '--command', quoted, '/dev/null'], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '100', LINES: '30', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** Every JSON line of `--json` output, parsed (throws on a line that is not JSON). */
export function jsonLines(stdout: string): Array<{ type: string } & Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>)
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * A description of the tree under `root`: relative path → `file <sha256> <mode>`, `link <target>` or `dir <mode>`.
 * Two trees are byte-identical copies (content, symlinks, folders, modes) when their descriptions are equal.
 */
export async function describeTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const visit = async (dir: string): Promise<void> => {
    for await (const entry of await opendir(dir)) {
      const path = join(dir, entry.name)
      const rel = relative(root, path)
      const stats = await lstat(path)
      const mode = (stats.mode & 0o7777).toString(8)
      if (stats.isSymbolicLink()) out[rel] = `link ${await readlink(path)}`
      else if (stats.isDirectory()) {
        out[rel] = `dir ${mode}`
        await visit(path)
      } else out[rel] = `file ${await hashFile(path)} ${mode}`
    }
  }
  await visit(root)
  return out
}

/** Every path under `root` (relative), for "nothing written" and "no leftovers" checks. */
export async function listTree(root: string): Promise<string[]> {
  return Object.keys(await describeTree(root)).sort()
}

function newestMtime(dir: string): number {
  const out = execFileSync('find', [dir, '-type', 'f', '-printf', '%T@\\n'], { encoding: 'utf8' })
  return Math.max(
    0,
    ...out
      .split('\n')
      .filter(Boolean)
      .map((t) => Number(t) * 1000),
  )
}

/**
 * Builds the bundle (`electron-vite build`) when out/main/cli.js is missing or older than the sources it is built
 * from. Serialised with a lock file because several test runs may share this working tree.
 */
export function ensureBuiltCli(): void {
  const sources = ['src/cli', 'src/engine', 'src/shared'].map((dir) => newestMtime(join(REPO_ROOT, dir)))
  let built: number
  try {
    built = statSync(BUILT_CLI).mtimeMs
  } catch {
    built = 0 // missing: build it
  }
  if (built >= Math.max(...sources)) return
  execFileSync('flock', ['/tmp/ferry-build.lock', 'npx', 'electron-vite', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
    timeout: 180_000,
  })
}
