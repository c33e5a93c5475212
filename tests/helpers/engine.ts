import { fileURLToPath } from 'node:url'
import { createEngine } from '../../src/engine'
import type { CopyEngine, EngineOptions } from '../../src/engine'

/** The copy worker's source file; tests run it through tsx (the bundle resolves it with `?modulePath`). */
export const WORKER_PATH = fileURLToPath(new URL('../../src/engine/worker/copy-worker.ts', import.meta.url))

/** An engine on the TypeScript worker, as the tests use it. Close it in afterAll/afterEach. */
export function makeEngine(options: Partial<EngineOptions> = {}): CopyEngine {
  return createEngine({ workerPath: WORKER_PATH, workerExecArgv: ['--import', 'tsx'], ...options })
}
