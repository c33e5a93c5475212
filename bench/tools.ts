/**
 * The copiers compared: Ferry's built CLI (progress off and on), `cp -r`, `cp -a` and `rsync -a`. Each copies a
 * source folder to a destination that does not exist yet, so the destination becomes the copy.
 */
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { spawnSync } from 'node:child_process'
import { runTimed, type CommandSpec } from './runners'

/** Every copier the benchmark knows. */
export const TOOL_IDS = [
  'ferry',
  'ferry-json',
  'ferry-js',
  'ferry-native',
  'ferry-sync',
  'ferry-nosync',
  'cp-r',
  'cp-a',
  'cp-a-sync',
  'rsync-a',
  'node-e0',
] as const
export type ToolId = (typeof TOOL_IDS)[number]

/** One copier, ready to run. */
export interface Tool {
  id: ToolId
  /** As printed in the report. */
  label: string
  /** The command copying folder (or file) `source` to `dest`, which must not exist (or, for a file, an existing folder). */
  command(source: string, dest: string): CommandSpec
  /** False for a tool that copies nothing (`node -e 0`, the start-up floor): its destination is not checked. */
  copies?: boolean
}

/** How to run Ferry's CLI. */
export interface FerryCli {
  cliPath: string
  /** Extra CLI options for every Ferry run (`--ferry-arg`), e.g. `--jobs 2`. */
  extraArgs: string[]
  /** Where the RSS probe writes. */
  rssFile: string
}

const PROBE_URL = pathToFileURL(join(import.meta.dirname, 'rss-probe.mjs')).href

/**
 * The Node options of the CLI's `#!/usr/bin/env -S node …` line: what the `ferry` command (npm's bin link, or the
 * file run directly) starts Node with, so the bench measures the command users run.
 */
export function shebangNodeArgs(cliPath: string): string[] {
  let args = shebangs.get(cliPath)
  if (!args) {
    const first = readFileSync(cliPath, 'utf8').split('\n', 1)[0] ?? ''
    const match = /^#!\S*env -S node\s+(.*)$/.exec(first)
    args = match?.[1] ? match[1].trim().split(/\s+/) : []
    shebangs.set(cliPath, args)
  }
  return args
}
const shebangs = new Map<string, string[]>()

/** The Node command line running Ferry's CLI with the RSS probe loaded (and `env` added to the environment). */
export function ferryCommand(cli: FerryCli, args: string[], env?: NodeJS.ProcessEnv): CommandSpec {
  return {
    command: process.execPath,
    args: [...shebangNodeArgs(cli.cliPath), '--import', PROBE_URL, cli.cliPath, ...cli.extraArgs, ...args],
    rssFile: cli.rssFile,
    env: env ? { ...process.env, ...env } : undefined,
  }
}

/**
 * `command … && sync -f DEST` through `sh`: the copy, then `syncfs` of the destination's filesystem only (what
 * `sync` alone would do for that filesystem, without flushing everyone else's dirty pages on a shared machine).
 */
function thenSync(spec: CommandSpec): CommandSpec {
  const dest = spec.args[spec.args.length - 1] ?? ''
  return {
    ...spec,
    command: 'sh',
    args: ['-c', '"$@" && sync -f "$DEST"', 'sh', spec.command, ...spec.args],
    env: { ...(spec.env ?? process.env), DEST: dest },
  }
}

/** The copy cores Ferry can be forced to with `FERRY_CORE`. */
export type CoreName = 'js' | 'native'

/** What a probe of one core found. */
export interface CoreProbe {
  core: CoreName
  /** A one-file copy with `FERRY_CORE=<core>` exited 0 with the right bytes. */
  ok: boolean
  /** What the CLI says about its core (`--version` or the `started` event), if it says anything. */
  reported: string | undefined
  problem: string | undefined
}

/** Runs Ferry with `FERRY_CORE=core`: `--version`, then a one-file `--json` copy; reports what it says it runs. */
export function probeCore(cli: FerryCli, core: CoreName, scratch: string): CoreProbe {
  const env = { ...process.env, FERRY_CORE: core }
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(scratch, { recursive: true })
  try {
    const version = spawnSync(process.execPath, [cli.cliPath, '--version'], { env, encoding: 'utf8' })
    const src = join(scratch, 'probe.bin')
    writeFileSync(src, Buffer.alloc(300_000, 9))
    const copy = spawnSync(process.execPath, [cli.cliPath, '--json', src, join(scratch, 'copy.bin')], {
      env,
      encoding: 'utf8',
    })
    let reported: string | undefined
    const versionText = `${version.stdout}${version.stderr}`
    const line = versionText.split('\n').find((l) => /core/i.test(l))
    if (line) reported = line.trim()
    const started = copy.stdout.split('\n').find((l) => l.includes('"started"'))
    if (started) {
      const event = JSON.parse(started) as Record<string, unknown>
      for (const key of ['core', 'coreReason', 'copier']) {
        const value = event[key]
        if (value !== undefined)
          reported = `${reported ? `${reported}; ` : ''}${key}: ${JSON.stringify(value)}`
      }
    }
    if (copy.status !== 0) {
      const why = `${copy.stderr}`.trim().split('\n').slice(-2).join(' ')
      return { core, ok: false, reported, problem: `exit ${copy.status}: ${why}` }
    }
    let same = false
    try {
      same = readFileSync(join(scratch, 'copy.bin')).equals(readFileSync(src))
    } catch {
      same = false
    }
    return { core, ok: same, reported, problem: same ? undefined : 'the copy differs from its source' }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** True when the CLI's `--help` lists `--no-sync` (issue 11's opt-out, so Ferry syncs by default). */
export function ferryHasNoSync(cli: FerryCli): boolean {
  const help = spawnSync(process.execPath, [cli.cliPath, '--help'], { encoding: 'utf8' })
  return /--no-sync\b/.test(help.stdout ?? '')
}

/** Where a copy is measured; decides which tools run. */
export type PlaceKind = 'tmpfs' | 'xfs' | 'ext4'

/**
 * The tools for a mounted filesystem: on tmpfs and XFS Ferry with each working core against `cp -a`; on ext4 (the
 * durability comparison of issue 11) Ferry against `cp -a && sync`, plus Ferry `--no-sync` when the flag exists, or
 * else Ferry followed by `sync -f` (what Ferry's own sync has to beat while it has none).
 */
export function makePlaceTools(
  kind: PlaceKind,
  ferry: FerryCli | undefined,
  cores: CoreName[],
  noSync: boolean,
): Tool[] {
  const tools: Tool[] = []
  if (kind === 'ext4') {
    if (ferry) {
      tools.push({ id: 'ferry', label: 'Ferry', command: (s, d) => ferryCommand(ferry, [s, d]) })
      if (noSync)
        tools.push({
          id: 'ferry-nosync',
          label: 'Ferry --no-sync',
          command: (s, d) => ferryCommand(ferry, ['--no-sync', s, d]),
        })
      else
        tools.push({
          id: 'ferry-sync',
          label: 'Ferry && sync',
          command: (s, d) => thenSync(ferryCommand(ferry, [s, d])),
        })
    }
    tools.push({
      id: 'cp-a-sync',
      label: 'cp -a && sync',
      command: (s, d) => thenSync({ command: 'cp', args: ['-a', s, d] }),
    })
    return tools
  }
  if (ferry) {
    for (const core of cores)
      tools.push({
        id: core === 'js' ? 'ferry-js' : 'ferry-native',
        label: `Ferry (${core})`,
        command: (s, d) => ferryCommand(ferry, [s, d], { FERRY_CORE: core }),
      })
  }
  tools.push({ id: 'cp-a', label: 'cp -a', command: (s, d) => ({ command: 'cp', args: ['-a', s, d] }) })
  return tools
}

/** The tools to run; Ferry only when its CLI works, rsync only when installed. */
export function makeTools(ferry: FerryCli | undefined, rsyncPath: string | undefined): Tool[] {
  const tools: Tool[] = []
  if (ferry) {
    tools.push({ id: 'ferry', label: 'Ferry', command: (s, d) => ferryCommand(ferry, [s, d]) })
    tools.push({
      id: 'ferry-json',
      label: 'Ferry --json',
      command: (s, d) => ferryCommand(ferry, ['--json', s, d]),
    })
  }
  tools.push({ id: 'cp-r', label: 'cp -r', command: (s, d) => ({ command: 'cp', args: ['-r', s, d] }) })
  tools.push({ id: 'cp-a', label: 'cp -a', command: (s, d) => ({ command: 'cp', args: ['-a', s, d] }) })
  if (rsyncPath) {
    // Trailing slashes: copy the folder's contents into dest, so dest becomes the copy as with cp.
    tools.push({
      id: 'rsync-a',
      label: 'rsync -a',
      command: (s, d) => ({ command: rsyncPath, args: ['-a', `${s}/`, `${d}/`] }),
    })
  }
  return tools
}

/** The first executable `name` on PATH, or `undefined`. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined
}

/** Newest modification time (ms) of the files the CLI bundle is built from. */
function newestSourceMtime(repoRoot: string): number {
  let newest = 0
  const visit = (path: string): void => {
    const st = statSync(path)
    if (st.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry))
    else newest = Math.max(newest, st.mtimeMs)
  }
  for (const path of ['src', 'electron.vite.config.ts', 'package.json']) visit(join(repoRoot, path))
  return newest
}

/**
 * Makes sure `out/main/cli.js` exists and is newer than `src/`, building with `electron-vite build` when it is not
 * (unless `allowBuild` is false). Returns the CLI path, or why there is none.
 */
export function ensureFerryBuilt(
  repoRoot: string,
  allowBuild: boolean,
  log: (line: string) => void,
): { ok: true; cliPath: string } | { ok: false; reason: string } {
  const cliPath = join(repoRoot, 'out', 'main', 'cli.js')
  let builtAt = 0
  try {
    builtAt = statSync(cliPath).mtimeMs
  } catch {
    // Not built yet.
  }
  if (builtAt > newestSourceMtime(repoRoot)) return { ok: true, cliPath }
  const why = builtAt === 0 ? 'out/main/cli.js is missing' : 'out/ is older than src/'
  if (!allowBuild) {
    if (builtAt === 0) return { ok: false, reason: `${why} (and --no-build was given)` }
    log(`warning: ${why}; measuring it anyway (--no-build)`)
    return { ok: true, cliPath }
  }
  log(`${why}: building with electron-vite build …`)
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] })
  if (build.status !== 0) return { ok: false, reason: `electron-vite build failed (exit ${build.status})` }
  return { ok: true, cliPath }
}

/**
 * Copies the built `out/` into `<root>/ferry-build/` (with package.json and a link to node_modules) and returns the
 * copy's CLI path. Several people share the work tree: a rebuild of `out/` in the middle of a run replaces the
 * hashed chunk files and breaks a Ferry process that is still loading them, so the benchmark measures its own copy.
 */
export function snapshotFerry(repoRoot: string, root: string): string {
  const dir = join(root, 'ferry-build')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const cp = spawnSync('cp', ['-a', join(repoRoot, 'out'), join(dir, 'out')], {
    stdio: ['ignore', 'ignore', 2],
  })
  if (cp.status !== 0) throw new Error(`could not copy ${join(repoRoot, 'out')} to ${dir}`)
  copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'))
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'))
  // The native core is looked for in native/build/Release above the bundle (src/engine/native/load.ts).
  if (existsSync(join(repoRoot, 'native'))) symlinkSync(join(repoRoot, 'native'), join(dir, 'native'))
  return join(dir, 'out', 'main', 'cli.js')
}

/**
 * Checks that the CLI really copies: `--version`, then a two-file tree compared byte for byte. A CLI that is still
 * a placeholder fails here, and the benchmark goes on with the baselines only.
 */
export async function probeFerry(cli: FerryCli, scratch: string): Promise<string | undefined> {
  const version = await runTimed(ferryCommand(cli, ['--version']), 30_000)
  if (!version.ok) return `\`ferry --version\` exited ${version.exitCode}: ${version.stderrTail.trim()}`
  rmSync(scratch, { recursive: true, force: true })
  const src = join(scratch, 'src')
  mkdirSync(join(src, 'sub'), { recursive: true })
  writeFileSync(join(src, 'a.txt'), 'ferry benchmark probe\n')
  writeFileSync(join(src, 'sub', 'b.bin'), Buffer.alloc(100_000, 7))
  const dst = join(scratch, 'dst')
  const copy = await runTimed(ferryCommand(cli, [src, dst]), 30_000)
  try {
    if (!copy.ok)
      return `a probe copy exited ${copy.exitCode ?? copy.signal}: ${copy.stderrTail.trim().slice(-500)}`
    for (const rel of ['a.txt', join('sub', 'b.bin')]) {
      let copied: Buffer
      try {
        copied = readFileSync(join(dst, rel))
      } catch {
        return `a probe copy exited 0 but ${rel} is missing from the destination`
      }
      if (!copied.equals(readFileSync(join(src, rel)))) return `a probe copy exited 0 but ${rel} differs`
    }
    return undefined
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** For the start-up part: `node -e 0` (the floor) and a one-file copy with Ferry on each working core. */
export function makeStartupTools(ferry: FerryCli, cores: CoreName[]): Tool[] {
  return [
    {
      id: 'node-e0',
      label: 'node -e 0',
      command: () => ({ command: process.execPath, args: ['-e', '0'] }),
      copies: false,
    },
    ...makePlaceTools('tmpfs', ferry, cores, false).filter((tool) => tool.id !== 'cp-a'),
  ]
}
