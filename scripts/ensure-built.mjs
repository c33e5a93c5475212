// Builds out/ with electron-vite when it is missing or older than the sources, so `npm start`, `npm run web`
// and the e2e tests always run the code in src/.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

const OUTPUTS = ['out/main/index.js', 'out/main/web.js', 'out/preload/index.cjs', 'out/renderer/index.html']
const INPUTS = ['src', 'electron.vite.config.ts']

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why out/ needs a build, or null when it is complete and newer than every source file. */
export function staleReason(root = ROOT) {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)))
  if (missing) return `${missing} is missing`
  const built = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs))
  const changed = INPUTS.find(
    (input) => existsSync(join(root, input)) && newestMtime(join(root, input)) > built,
  )
  return changed ? `${changed} changed since the last build` : null
}

/** Runs `electron-vite build` if {@link staleReason} finds a reason; throws when the build fails. */
export function ensureBuilt({ root = ROOT, log = console.error } = {}) {
  const reason = staleReason(root)
  if (!reason) return false
  log(`Ferry: building (${reason})…`)
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim()
    throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal}):\n${output}`)
  }
  return true
}
