import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { FerryApi, IpcChannel, IpcRequests, Result } from '../shared/ipc'
import { JOB_EVENT_CHANNEL, requestVerbs } from '../shared/ipc'
import type { JobEvent } from '../shared/job'

/** Sends one typed request; the main process always answers with a `Result`, never a thrown error. */
function invoke<C extends IpcChannel>(
  channel: C,
  payload: IpcRequests[C]['payload'],
): Promise<Result<IpcRequests[C]['result']>> {
  return ipcRenderer.invoke(channel, payload) as Promise<Result<IpcRequests[C]['result']>>
}

/**
 * `window.ferry` in Electron: one verb per action over the channels of src/shared/ipc.ts. The raw `ipcRenderer`
 * never reaches the page, so it can only ask for what these functions ask for.
 */
const api: FerryApi = {
  shell: 'electron',
  ...requestVerbs(invoke),
  pathForFile(file) {
    // Electron ≥ 32 removed File.path; webUtils returns '' for a File that is not on disk.
    try {
      return webUtils.getPathForFile(file) || null
    } catch {
      return null
    }
  },
  onJobEvent(callback) {
    // One message per engine tick carries that tick's events, in order.
    const listener = (_event: IpcRendererEvent, events: JobEvent[]): void => {
      for (const jobEvent of events) callback(jobEvent)
    }
    ipcRenderer.on(JOB_EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(JOB_EVENT_CHANNEL, listener)
    }
  },
}

contextBridge.exposeInMainWorld('ferry', api)
