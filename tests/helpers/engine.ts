import { fileURLToPath } from 'node:url'
import { createEngine } from '../../src/engine'
import type { CopyEngine, EngineOptions } from '../../src/engine'

/** The copy worker's source file; tests run it through tsx (the bundle resolves it with `?modulePath`). */
export const WORKER_PATH = fileURLToPath(new URL('../../src/engine/worker/copy-worker.ts', import.meta.url))

/**
 * An engine on the TypeScript worker, as the tests use it. Close it in afterAll/afterEach. Two threads unless asked
 * otherwise: the tests' temp folders are on whatever disk this machine has (a VM's reports itself rotational, which
 * would choose one), and tests of concurrency need two.
 */
export function makeEngine(options: Partial<EngineOptions> = {}): CopyEngine {
  return createEngine({
    workerPath: WORKER_PATH,
    workerExecArgv: ['--import', 'tsx'],
    threads: 2,
    ...options,
  })
}
