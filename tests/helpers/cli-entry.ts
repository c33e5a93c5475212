/**
 * The CLI as tests run it: `node --import tsx tests/helpers/cli-entry.ts [ferry args]`. Same {@link runCli} and process
 * wiring as src/cli/index.ts, with the TypeScript copy worker loaded through tsx instead of the bundled one.
 */
import { processDeps } from '../../src/cli/process-io'
import { rawArgv } from '../../src/cli/raw-argv'
import { runCli } from '../../src/cli/run-cli'
import { WORKER_PATH } from './engine'

process.exitCode = await runCli(rawArgv(process.argv), {
  ...processDeps(),
  workerPath: WORKER_PATH,
  // Absolute: a bare `tsx` would be resolved against the cwd, which is wherever the user (or test) ran ferry.
  workerExecArgv: ['--import', import.meta.resolve('tsx')],
})
