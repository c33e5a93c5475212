/**
 * Helpers for the packaging tests: a fresh electron-vite build in `out/`, an unpacked app laid out by
 * electron-builder (with a stand-in Electron, since the real binary cannot be downloaded everywhere), and running
 * the bundled `ferry` CLI from either layout.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..')
/** electron-builder's own CLI script, run with this Node (no `npx` lookup, no shell). */
const ELECTRON_BUILDER_CLI = join(ROOT, 'node_modules', 'electron-builder', 'cli.js')
const ELECTRON_VITE_CLI = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')

/** Newest modification time under `path` (a file or a folder, recursively); 0 when it does not exist. */
async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined)
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)))
  return newest
}

/**
 * Makes sure `out/` holds a build of the current sources: when an entry bundle is missing or older than any source
 * or build config, runs `electron-vite build` (as `npm run build` does). CI builds before testing, so there this
 * only checks.
 */
export async function ensureFreshBuild(): Promise<void> {
  const entries = ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.cjs', 'out/renderer/index.html']
  const built = await Promise.all(
    entries.map(async (e) => (await stat(join(ROOT, e)).catch(() => undefined))?.mtimeMs),
  )
  const inputs = ['src', 'electron.vite.config.ts', 'package.json']
  const newestInput = Math.max(...(await Promise.all(inputs.map((p) => newestMtime(join(ROOT, p))))))
  if (built.every((mtime) => mtime !== undefined && mtime >= newestInput)) return
  const result = spawnSync(process.execPath, [ELECTRON_VITE_CLI, 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`)
}

/** Where electron-builder put the app: `resources/app.asar` and `resources/app.asar.unpacked`. */
export interface PackedApp {
  /** electron-builder's output folder (`directories.output`). */
  output: string
  /** The unpacked app (`linux-unpacked`, or `linux-<arch>-unpacked` off x64). */
  dir: string
  resources: string
  asar: string
  unpacked: string
}

/**
 * Runs `electron-builder --dir --linux` with the project's electron-builder.yml into `workDir`. A stand-in Electron
 * distribution (one empty `electron` file) replaces the download: electron-builder only copies it, and what is
 * under test is the `resources/` folder it lays out beside it, which is the same on every OS.
 */
export async function packUnpackedApp(workDir: string): Promise<PackedApp> {
  const fakeElectron = join(workDir, 'fake-electron')
  await mkdir(fakeElectron, { recursive: true })
  await writeFile(join(fakeElectron, 'electron'), '', { mode: 0o755 })
  const output = join(workDir, 'release')
  const result = spawnSync(
    process.execPath,
    [
      ELECTRON_BUILDER_CLI,
      '--dir',
      '--linux',
      `-c.electronDist=${fakeElectron}`,
      `-c.directories.output=${output}`,
      '--publish',
      'never',
    ],
    // CI=true keeps electron-builder from trying to publish or prompt; no Electron download happens with electronDist.
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  )
  if (result.status !== 0) throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`)
  const unpackedDirs = (await readdir(output)).filter(
    (name) => name.startsWith('linux') && name.endsWith('unpacked'),
  )
  if (unpackedDirs.length !== 1)
    throw new Error(`expected one linux*-unpacked folder in ${output}: ${unpackedDirs}`)
  const dir = join(output, unpackedDirs[0] as string)
  const resources = join(dir, 'resources')
  return {
    output,
    dir,
    resources,
    asar: join(resources, 'app.asar'),
    unpacked: join(resources, 'app.asar.unpacked'),
  }
}

/** Exit code and output of one CLI run. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `node <script> ...args` with this Node, the way `ferry` runs from a package (`bin.ferry`). A run still going
 * after `timeoutMs` is killed and rejects (keep it below the test's timeout so no process outlives the test).
 */
export function runNodeScript(
  script: string,
  args: string[],
  cwd: string,
  timeoutMs = 45_000,
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
  })
}
