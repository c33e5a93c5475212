/**
 * Finds and loads the native core (`ferry_core.node`) once per thread and says which core Ferry runs and why.
 * `FERRY_CORE=js` forces the JS core; `FERRY_CORE=native` makes a missing native core an error instead of a
 * silent fallback. Looked for next to this module (sources under tsx/vitest), next to the bundle (`out/main/…`)
 * and, in a packaged app, under `app.asar.unpacked` (dlopen cannot read inside an asar archive).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BINDING_FUNCTIONS, type NativeBinding } from './native-core'

/** Which core copies, and a sentence saying why (for `ferry --version` and the job's `started` event). */
export type CoreChoice =
  { core: 'native'; binding: NativeBinding; path: string; reason: string } | { core: 'js'; reason: string }

const RELATIVE = join('native', 'build', 'Release', 'ferry_core.node')

let cached: CoreChoice | undefined

/** The folder of this module, whether run from sources or from a bundle. */
function moduleDir(): string {
  return import.meta.dirname ?? dirname(fileURLToPath(import.meta.url))
}

/** Where the `.node` file may be: each ancestor folder's `native/build/Release`, asar-unpacked first. */
export function candidatePaths(from: string = moduleDir()): string[] {
  const found: string[] = []
  let dir = resolve(from)
  for (let depth = 0; depth < 5; depth++) {
    const path = join(dir, RELATIVE)
    const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
    if (unpacked !== path) found.push(unpacked)
    found.push(path)
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return found
}

/** Loads the binding at `path`; returns it or why it cannot be used. */
function tryLoad(path: string): { binding: NativeBinding } | { why: string } {
  try {
    const binding = createRequire(import.meta.url)(path) as Partial<NativeBinding>
    const missing = BINDING_FUNCTIONS.filter((name) => typeof binding[name] !== 'function')
    if (missing.length)
      return { why: `${path} is an older build without ${missing.join(', ')} (run npm run native)` }
    return { binding: binding as NativeBinding }
  } catch (error) {
    return { why: `${path} failed to load: ${error instanceof Error ? error.message : String(error)}` }
  }
}

/**
 * Chooses the core, honouring `FERRY_CORE`. Throws only when `FERRY_CORE=native` and the native core cannot be
 * loaded, with a message saying why and what to do. The result is remembered for the thread.
 */
export function loadCore(env: NodeJS.ProcessEnv = process.env, from?: string): CoreChoice {
  if (cached && from === undefined && env === process.env) return cached
  const choice = chooseCore(env, from)
  if (from === undefined && env === process.env) cached = choice
  return choice
}

function chooseCore(env: NodeJS.ProcessEnv, from: string | undefined): CoreChoice {
  const forced = env.FERRY_CORE
  if (forced !== undefined && forced !== 'js' && forced !== 'native' && forced !== '') {
    throw new Error(`FERRY_CORE must be "js" or "native", not "${forced}".`)
  }
  if (forced === 'js') return { core: 'js', reason: 'FERRY_CORE=js' }
  const why = findNative(from)
  if ('binding' in why) {
    const reason =
      forced === 'native' ? `FERRY_CORE=native (${why.path})` : `native core found at ${why.path}`
    return { core: 'native', binding: why.binding, path: why.path, reason }
  }
  if (forced === 'native') {
    throw new Error(
      `FERRY_CORE=native, but the native core cannot be used: ${why.why}. Build it with "npm run native", or unset FERRY_CORE to use the JS core.`,
    )
  }
  return { core: 'js', reason: why.why }
}

function findNative(from: string | undefined): { binding: NativeBinding; path: string } | { why: string } {
  if (process.platform === 'win32') return { why: 'no native core on Windows yet' }
  const paths = candidatePaths(from)
  const path = paths.find((candidate) => existsSync(candidate))
  if (!path) return { why: `no native core built (looked for ${RELATIVE} above ${from ?? moduleDir()})` }
  const loaded = tryLoad(path)
  return 'binding' in loaded ? { binding: loaded.binding, path } : loaded
}

/** Forgets the remembered choice (tests that change FERRY_CORE). */
export function resetCoreChoice(): void {
  cached = undefined
}
