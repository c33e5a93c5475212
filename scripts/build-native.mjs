#!/usr/bin/env node
/**
 * Builds Ferry's native copy core (native/ → native/build/Release/ferry_core.node) with node-gyp. Runs as the
 * package's `install` script and as `npm run native` (`--force` rebuilds even when the build is up to date).
 * It never fails the install: when the core cannot be built it prints one line saying why and that Ferry will
 * use its JS core, and exits 0. FERRY_SKIP_NATIVE=1 skips it.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NATIVE = join(dirname(fileURLToPath(import.meta.url)), '..', 'native')
const OUTPUT = join(NATIVE, 'build', 'Release', 'ferry_core.node')
const force = process.argv.includes('--force')

/** Ends the script without failing the install. */
function giveUp(why) {
  console.log(`ferry: native core not built (${why}); Ferry will use its JS core.`)
  process.exit(0)
}

/** node-gyp as npm ships it (npm sets npm_config_node_gyp for scripts), else next to npm, else on PATH. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp]
  if (process.env.npm_execpath) {
    candidates.push(
      join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    )
  }
  candidates.push(
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  )
  return candidates.find((path) => path && existsSync(path))
}

/** The newest modification time among the sources, to skip a build that is already up to date. */
function newestSource() {
  const files = [
    join(NATIVE, 'binding.gyp'),
    ...readdirSync(join(NATIVE, 'src')).map((f) => join(NATIVE, 'src', f)),
  ]
  return Math.max(...files.map((file) => statSync(file).mtimeMs))
}

/** The most telling line of node-gyp's output: a compiler error, a missing tool, then make's summary. */
function failureReason(output, status) {
  const lines = output.split('\n').map((line) => line.replace(/^gyp ERR! (?:\w+ )?/, '').trim())
  const patterns = [/\S+: (?:fatal )?error: .*/, /You need to install .*/, /^Error: .*/, /make: \*\*\* .*/]
  for (const pattern of patterns) {
    for (const line of lines) {
      const match = pattern.exec(line)
      if (match) return match[0].slice(0, 200)
    }
  }
  return `node-gyp exited with ${status}`
}

if (process.env.FERRY_SKIP_NATIVE === '1') giveUp('FERRY_SKIP_NATIVE=1')
if (process.platform === 'win32') giveUp('not built on Windows yet')
if (!existsSync(join(NATIVE, 'binding.gyp'))) giveUp('native/binding.gyp is missing')
if (!force && existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs >= newestSource()) process.exit(0)

const nodeGyp = findNodeGyp()
const args = nodeGyp ? [nodeGyp, 'rebuild', '-j', 'max'] : ['rebuild', '-j', 'max']
// Build offline against the running Node's own headers when they are installed (Debian, nvm, official tarballs);
// otherwise node-gyp would try to download them.
const prefix = join(dirname(process.execPath), '..')
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${prefix}`)
}
const result = spawnSync(nodeGyp ? process.execPath : 'node-gyp', args, { cwd: NATIVE, encoding: 'utf8' })
if (result.error) giveUp(`cannot run node-gyp: ${result.error.message}`)
if (result.status !== 0) giveUp(failureReason(`${result.stderr}\n${result.stdout}`, result.status))
if (!existsSync(OUTPUT)) giveUp(`node-gyp succeeded but ${OUTPUT} is missing`)
console.log('ferry: native core built (native/build/Release/ferry_core.node).')
