import type { BrowserWindow, OpenDialogOptions } from 'electron'
import { app, dialog, ipcMain, session } from 'electron'
import type { IpcRequests } from '../../shared/ipc'
import { createAppEngine } from '../ipc/app-engine'
import { registerAppScheme, serveAppProtocol } from './app-protocol'
import { cliArguments, runCliInApp } from './cli-mode'
import { isAppUrl } from './app-url'
import { createElectronTransport } from './electron-transport'
import { registerIpcHandlers } from '../ipc/handlers'
import { createJobController } from '../ipc/job-controller'
import { lockDown } from './lock-down'
import { guardQuit } from './quit-guard'
import { createMainWindow } from './window'
import { describeJobForWindow } from './window-progress'

// Only an unpackaged app may load the electron-vite dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

async function pick(
  win: BrowserWindow | undefined,
  request: IpcRequests['dialog:pick']['payload'],
): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: request.title ?? (request.kind === 'folder' ? 'Add folder' : 'Add files'),
    properties: [
      request.kind === 'folder' ? 'openDirectory' : 'openFile',
      ...(request.multiple ? (['multiSelections'] as const) : []),
    ],
  }
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

async function main(): Promise<void> {
  let win: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('web-contents-created', (_event, contents) =>
    lockDown(contents, (url) => isAppUrl(url, devServerUrl)),
  )
  app.on('window-all-closed', () => app.quit())
  await app.whenReady()

  // Ferry needs no camera, microphone or other web permissions; only notifications ("copy finished").
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'notifications')
  serveAppProtocol()

  const engine = createAppEngine()
  const transport = createElectronTransport(ipcMain, () => (win ? [win.webContents] : []))
  const jobs = createJobController(engine, (events) => {
    transport.send(events)
    for (const event of events) {
      const shown = describeJobForWindow(event)
      if (shown && win && !win.isDestroyed()) {
        win.setTitle(shown.title)
        win.setProgressBar(shown.progress, { mode: shown.mode })
      }
    }
  })
  registerIpcHandlers(transport, {
    jobs,
    isTrustedSender: (sender) => isAppUrl(sender.url, devServerUrl),
    pick: (request) => pick(win, request),
  })
  win = createMainWindow(devServerUrl)
  guardQuit(win, jobs, engine)
  win.on('closed', () => (win = undefined))
}

const cliArgs = cliArguments(process.argv)
if (cliArgs) {
  void runCliInApp(cliArgs)
} else if ((registerAppScheme(), app.requestSingleInstanceLock())) {
  void main()
} else {
  // Another Ferry window is open; it is focused through its 'second-instance' handler.
  app.quit()
}
