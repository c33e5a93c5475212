/** The real process's streams, signals and exit, packaged as the dependencies {@link runCli} takes. */
import type { CliDeps } from './run-cli'
import type { OutStream } from './render/reporter'

/**
 * Wraps a process stream so a closed reader (`ferry --json … | head -1` gives EPIPE) stops our output instead of
 * crashing the process mid-copy: the copy finishes (or is stopped by a signal) and partial files are still cleaned.
 */
export function guardedStream(stream: NodeJS.WriteStream): OutStream {
  let broken = false
  stream.on('error', () => {
    broken = true
  })
  return {
    write: (chunk: string) => (broken ? false : stream.write(chunk)),
    get isTTY() {
      return stream.isTTY === true
    },
    get columns() {
      return stream.columns
    },
  }
}

/** Everything {@link runCli} needs from the running process, except the worker location. */
export function processDeps(): Omit<CliDeps, 'workerPath'> {
  return {
    stdout: guardedStream(process.stdout),
    stderr: guardedStream(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    signals: process,
    exit: (code) => process.exit(code),
  }
}
