/** Public entry of the copy engine: plain Node, no Electron. */
export type { CopyEngine, CopyJob, EngineOptions, JobHooks, PreflightResult } from './api'
export { FerryError, toFerryError } from './errors'
import type { CopyEngine, EngineOptions } from './api'

/** Creates an engine with its worker pool (threads start lazily on the first job). */
export function createEngine(_options: EngineOptions): CopyEngine {
  throw new Error('not implemented yet')
}
