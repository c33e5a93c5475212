#!/usr/bin/env node
// `npm start`: runs the Electron app when Electron's binary is installed; otherwise runs the web shell and says
// why. `npm start -- --web` forces the web shell; `--port N` is passed to it.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, ensureBuilt } from './ensure-built.mjs'
import { forwardSignals, runWebShell } from './web.mjs'

// Tests point this at a fake installation; normally it is the electron package.
const electronDir = process.env.FERRY_ELECTRON_DIR ?? join(ROOT, 'node_modules', 'electron')
const INSTALL_TIMEOUT_MS = 60_000

/** The Electron executable if the package's install step downloaded it (the same check as electron/index.js). */
function installedBinary() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
    const binary = join(electronDir, 'dist', relative)
    return relative && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

/** Runs electron's own install.js once (it downloads the binary). Returns why it failed, or null. */
function tryInstall() {
  if (!existsSync(join(electronDir, 'install.js')))
    return 'the electron package is not installed (run npm install)'
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return 'its binary was not downloaded and ELECTRON_SKIP_BINARY_DOWNLOAD is set'
  }
  console.error("Ferry: Electron's binary is missing; trying to download it once…")
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    timeout: INSTALL_TIMEOUT_MS,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (result.error) return `downloading it failed (${result.error.code ?? result.error.message})`
  if (result.status !== 0) {
    const lines = `${result.stderr}`.trim().split('\n')
    const detail = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? `exit ${result.status}`
    return `downloading it failed: ${detail.trim()}`
  }
  return installedBinary() ? null : 'its install script finished without installing it'
}

/** Electron needs a display on Linux; without one the web shell is the only way to show Ferry. */
function missingDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null
  return 'there is no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)'
}

function splitArgs(argv) {
  const web = []
  const electron = []
  let forceWeb = false
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--web') forceWeb = true
    else if (argv[i] === '--port') web.push(argv[i], argv[++i] ?? '')
    else if (argv[i].startsWith('--port=')) web.push(argv[i])
    else electron.push(argv[i])
  }
  return { forceWeb, web, electron }
}

async function main() {
  const { forceWeb, web, electron } = splitArgs(process.argv.slice(2))
  let reason = forceWeb ? 'asked for with --web' : missingDisplay()
  let binary = null
  if (!reason) {
    binary = installedBinary()
    if (!binary) {
      reason = tryInstall()
      binary = reason ? null : installedBinary()
    }
  }
  if (!binary) {
    console.log(`Ferry: not starting the desktop app: ${reason}. Starting the web shell instead.`)
    return runWebShell(web)
  }
  ensureBuilt()
  const child = spawn(binary, [ROOT, ...electron], { stdio: 'inherit' })
  forwardSignals(child)
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`Ferry: could not run Electron (${binary}): ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
