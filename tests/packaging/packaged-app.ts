/**
 * Helpers for the packaging tests: a fresh electron-vite build in `out/`, an unpacked app laid out by
 * electron-builder (with a stand-in Electron, since the real binary cannot be downloaded everywhere), and running
 * the bundled `ferry` CLI from either layout.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import yaml from 'js-yaml'

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

/** The native copy core as `npm install` / `npm run native` build it (electron-builder.yml ships this file). */
export const NATIVE_CORE = join(ROOT, 'native', 'build', 'Release', 'ferry_core.node')

/**
 * Makes sure the native core is built from the current C sources before an archive is laid out, so the archive
 * holds it. Returns why it cannot be (no compiler here), or undefined when it is built.
 */
export async function ensureNativeBuild(): Promise<string | undefined> {
  const built = (await stat(NATIVE_CORE).catch(() => undefined))?.mtimeMs ?? 0
  const sources = Math.max(
    await newestMtime(join(ROOT, 'native', 'src')),
    await newestMtime(join(ROOT, 'native', 'binding.gyp')),
  )
  if (built === 0 || built < sources) {
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs'), '--force'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
  }
  return (await stat(NATIVE_CORE).catch(() => undefined))
    ? undefined
    : 'the native core cannot be built here (npm run native)'
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
 * distribution (one empty `electron` file) replaces the download: electron-builder only copies it (fuses off: there
 * is no binary to flip them in), and what is under test is the `resources/` folder it lays out beside it, which is
 * the same on every OS.
 */
export async function packUnpackedApp(workDir: string): Promise<PackedApp> {
  const fakeElectron = join(workDir, 'fake-electron')
  await mkdir(fakeElectron, { recursive: true })
  await writeFile(join(fakeElectron, 'electron'), '', { mode: 0o755 })
  const output = join(workDir, 'release')
  // The project's electron-builder.yml without `electronFuses`: the stand-in has no fuse sentinel to flip
  // (builder-config.test.ts checks the fuses in the config itself).
  const { electronFuses: _fuses, ...rest } = yaml.load(
    await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'),
  ) as Record<string, unknown>
  const config = join(workDir, 'electron-builder.yml')
  await writeFile(config, yaml.dump(rest))
  const result = spawnSync(
    process.execPath,
    [
      ELECTRON_BUILDER_CLI,
      '--dir',
      '--linux',
      `--config=${config}`,
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
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
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
