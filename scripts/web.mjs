#!/usr/bin/env node
// `npm run web [-- --port N]`: builds if needed, then runs Ferry's web shell (out/main/web.js), which prints
// `Ferry UI: http://127.0.0.1:PORT/?token=…`.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, ensureBuilt } from './ensure-built.mjs'

/**
 * Passes SIGINT/SIGTERM on to `child` and keeps this process alive until the child exits (the web shell cancels
 * a running copy cleanly first). A terminal's Ctrl+C reaches both; the child ignores the repeat.
 */
export function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}

/** Builds if needed and runs the web shell in a child process until it exits; resolves with its exit code. */
export function runWebShell(args = []) {
  ensureBuilt()
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'web.js'), ...args], { stdio: 'inherit' })
  forwardSignals(child)
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = await runWebShell(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
