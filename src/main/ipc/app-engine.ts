import type { CopyEngine } from '../../engine'
import { createEngine } from '../../engine'
import workerPath from '../../engine/worker/copy-worker?modulePath'

/** Progress events a second sent to the renderer (the design's ≤ 20/s budget). */
export const PROGRESS_HZ = 20

/**
 * The engine of the desktop app and the web shell, on the bundled copy worker (electron-vite resolves the
 * `?modulePath` import to the worker's file in out/main).
 */
export function createAppEngine(): CopyEngine {
  return createEngine({ workerPath, progressHz: PROGRESS_HZ })
}
