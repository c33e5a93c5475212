import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { JOB_EVENT_CHANNEL } from '../../shared/ipc'
import type { JobEvent } from '../../shared/job'
import type { IpcTransport } from '../ipc/transport'

/** The parts of `ipcMain` the transport uses (tests pass a fake). */
export type IpcMainLike = Pick<IpcMain, 'handle'>

/** The parts of a `WebContents` events are sent to. */
export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>

/**
 * The Electron transport: requests arrive through `ipcMain.handle` with the sending frame's URL as the sender
 * (a frame that is gone reports no URL, so it is refused), and job events go to `targets()` on
 * {@link JOB_EVENT_CHANNEL}. Imports only Electron's types, so it runs under a fake `ipcMain` in tests.
 */
export function createElectronTransport(ipc: IpcMainLike, targets: () => EventTarget[]): IpcTransport {
  return {
    handle(channel, handler) {
      ipc.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
        handler(payload, { url: event.senderFrame?.url }),
      )
    },
    send(events: readonly JobEvent[]) {
      for (const target of targets()) if (!target.isDestroyed()) target.send(JOB_EVENT_CHANNEL, events)
    },
  }
}
