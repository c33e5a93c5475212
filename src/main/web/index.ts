import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAppEngine } from '../ipc/app-engine'
import { stateDir } from '../../engine'
import { startWebShell } from './server'

/**
 * `node out/main/web.js [--port N]`: Ferry in a browser. Prints `Ferry UI: <url>`; on Ctrl+C or SIGTERM a
 * running copy is cancelled cleanly (no partial files) before the process exits.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: process.env.FERRY_WEB_PORT ?? '0' } },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number (0 picks a free one), not "${values.port}".`)
  }
  const rendererDir = join(import.meta.dirname, '../renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir} is missing); run "npm run build" first.`)
  }
  const engine = createAppEngine()
  // The shell's state folder ($FERRY_STATE_DIR, ~/.local/state/ferry, …): interrupted copies can be resumed.
  const journals = join(stateDir(process.env), 'web-jobs')
  const shell = await startWebShell({ engine, rendererDir, port, journals })
  console.log(`Ferry UI: ${shell.url}`)
  console.log('Open it in a browser on this machine. Press Ctrl+C to stop.')

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    if (shell.jobs.running) console.log(`${signal}: cancelling the running copy…`)
    void shell
      .close()
      .then(() => engine.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Ferry web shell: error while stopping:', error)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Ferry web shell: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
