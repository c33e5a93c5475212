import { type ChildProcess, spawn } from 'node:child_process'
import { chmod, cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, ensureBuilt } from '../../../scripts/ensure-built.mjs'

/** The numeric ids of `nobody`/`nogroup` on Debian. */
export const NOBODY = 65534

/**
 * Builds out/ if it is stale, then copies it to a private folder: other engineers rebuilding out/ while a shell
 * runs would otherwise swap the worker bundle under it. The copy resolves its dependencies through a symlink to
 * this repository's node_modules and is readable by `nobody`.
 */
export async function privateBuild(): Promise<{ dir: string; remove: () => Promise<void> }> {
  ensureBuilt()
  const dir = await mkdtemp(join(tmpdir(), 'ferry-e2e-build-'))
  await chmod(dir, 0o755)
  await cp(join(ROOT, 'out'), join(dir, 'out'), { recursive: true })
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** A web shell process started for a test. */
export interface ShellProcess {
  readonly url: string
  readonly origin: string
  readonly token: string
  readonly child: ChildProcess
  /** Everything it printed so far. */
  output(): string
  /** Stops it as Ctrl+C would and resolves with its exit code. */
  stop(): Promise<number | null>
}

/**
 * Starts `node out/main/web.js` from `buildDir` as the user `nobody` (so file modes apply: root reads anything)
 * with `home` as its home folder, and waits for its `Ferry UI:` line.
 */
export async function startShell(buildDir: string, home: string): Promise<ShellProcess> {
  const node = [process.execPath, join(buildDir, 'out', 'main', 'web.js'), '--port', '0']
  const asNobody = process.getuid?.() === 0
  const command = asNobody
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', ...node]
    : node
  const child = spawn(command[0]!, command.slice(1), {
    cwd: buildDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 30_000
  const printed = /Ferry UI: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/
  for (;;) {
    if (printed.test(output)) break
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the web shell did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const [, origin, token] = printed.exec(output) as unknown as [string, string, string]
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}
