/**
 * `Ferry --cli [options] SRC... DEST`: the packaged app runs the `ferry` command itself, with no window. The
 * Electron fuses turn off ELECTRON_RUN_AS_NODE (so no one can use the signed app as a general Node runtime), which
 * is how a packaged app would otherwise reach its bundled CLI; this flag is the one door left, and it runs only
 * Ferry's own command. The CI smoke test copies through it from inside app.asar.
 */
import { app } from 'electron'
import { processDeps } from '../../cli/process-io'
import { runCli } from '../../cli/run-cli'
import workerPath from '../../engine/worker/copy-worker?modulePath'

/** The arguments after `--cli`, or undefined when the app was started as a desktop app. */
export function cliArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf('--cli')
  return at < 0 ? undefined : argv.slice(at + 1)
}

/** Runs the CLI on `args` in this process and exits with its status. */
export async function runCliInApp(args: string[]): Promise<void> {
  app.dock?.hide()
  // runCli reads argv as process.argv does: two leading entries (runtime, script), then the arguments.
  const code = await runCli(['ferry', 'ferry', ...args], { ...processDeps(), workerPath })
  app.exit(code)
}
