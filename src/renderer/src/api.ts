/**
 * The `window.ferry` this renderer talks to: the preload's bridge in Electron, or, in a plain browser (the web
 * shell), a bridge that speaks the same contract over the shell's WebSocket.
 */
import type { FerryApi } from '../../shared/ipc'
import { createWebBridge } from './web-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload (`contextBridge.exposeInMainWorld('ferry', …)`); absent in a browser. */
    ferry?: FerryApi
  }
}

export const ferry: FerryApi = window.ferry ?? createWebBridge()
