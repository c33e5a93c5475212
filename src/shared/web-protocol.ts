/**
 * The web shell's WebSocket protocol: the {@link IpcRequests} contract carried as JSON text frames (types and two
 * constants).
 * Used by the web shell server (src/main/web) and the browser bridge (src/renderer/src/web-bridge.ts).
 */
import type { IpcChannel, Result } from './ipc'
import type { FerryErrorData, JobEvent } from './job'

/** Browser → server: one request. `id` is chosen by the browser and quoted in the response. */
export interface WebRequest {
  id: number
  channel: IpcChannel
  payload: unknown
}

/** Server → browser. */
export type WebServerMessage =
  | { type: 'response'; id: number; result: Result<unknown> }
  /** One frame of job events (an engine tick's worth), in order. */
  | { type: 'events'; events: readonly JobEvent[] }
  /** A message that could not be read as a request at all (so it has no usable id). */
  | { type: 'error'; error: FerryErrorData }

/** Path of the WebSocket endpoint; the token travels in its query string (`?token=`). */
export const WEB_SOCKET_PATH = '/ws'

/** Name of the query parameter carrying the web shell's token. */
export const WEB_TOKEN_PARAM = 'token'
