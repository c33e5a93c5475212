import type { IpcChannel, Result } from '../../shared/ipc'
import type { JobEvent } from '../../shared/job'

/** Who sent a request, as the transport saw it. */
export interface RequestSender {
  /**
   * URL of the sending frame (Electron: `event.senderFrame.url`; web shell: the page origin the socket was opened
   * from). Undefined when the transport cannot tell, which the handlers treat as untrusted.
   */
  url: string | undefined
}

/** Handles one request. Returns errors as data; must never throw (transports pass the result on as is). */
export type RequestHandler = (payload: unknown, sender: RequestSender) => Promise<Result<unknown>>

/**
 * What the IPC handlers need from a transport. Electron's `ipcMain.handle` + `webContents.send` is one, the web
 * shell's WebSocket server is another; the handlers import neither.
 */
export interface IpcTransport {
  /** Routes every request on `channel` to `handler`. One handler per channel. */
  handle(channel: IpcChannel, handler: RequestHandler): void
  /** Pushes one frame of job events (an engine tick's worth, in order) to every connected renderer. */
  send(events: readonly JobEvent[]): void
}
