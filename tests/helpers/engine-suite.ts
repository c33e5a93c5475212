import { afterAll, afterEach, beforeAll } from 'vitest'
import type { CopyEngine, EngineOptions } from '../../src/engine'
import { makeEngine } from './engine'
import { closeEngine, terminateLeftoverJob } from './job-run'
import { TempDirs } from './temp-dirs'

/**
 * The hooks an engine test file needs: one engine for the file (created in `beforeAll`, closed in `afterAll`), any
 * job a failed test left running terminated after each test, and temp folders removed at the end. `engine` is a
 * stable stand-in that forwards to the file's engine, so it can be destructured at module level.
 */
export function useEngineSuite(options: Partial<EngineOptions> = {}): { engine: CopyEngine; temp: TempDirs } {
  const temp = new TempDirs()
  let real: CopyEngine | undefined
  const current = (): CopyEngine => {
    if (!real) throw new Error('the engine exists only inside tests (beforeAll has not run)')
    return real
  }
  const engine: CopyEngine = {
    preflight: (jobOptions) => current().preflight(jobOptions),
    start: (jobOptions, hooks) => current().start(jobOptions, hooks),
    get current() {
      return current().current
    },
    close: () => current().close(),
  }
  beforeAll(() => {
    real = makeEngine(options)
  })
  afterEach(() => terminateLeftoverJob(current()))
  afterAll(async () => {
    try {
      await closeEngine(current())
    } finally {
      await temp.cleanup()
    }
  })
  return { engine, temp }
}
