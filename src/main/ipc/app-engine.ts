import { type CopyEngine, createEngine } from '../../engine'
import { APP_PROGRESS_HZ } from '../../shared/ipc'
import workerPath from '../../engine/worker/copy-worker?modulePath'

/**
 * The engine of the desktop app and the web shell, on the bundled copy worker (electron-vite resolves the
 * `?modulePath` import to the worker's file in out/main).
 */
export function createAppEngine(): CopyEngine {
  return createEngine({ workerPath, progressHz: APP_PROGRESS_HZ })
}
