import type { BrowserWindow, OpenDialogOptions } from 'electron'
import { join } from 'node:path'
import { app, dialog, ipcMain, Notification, powerSaveBlocker, session, shell } from 'electron'
import { FerryError } from '../../engine'
import type { IpcRequests } from '../../shared/ipc'
import type { JobEvent } from '../../shared/job'
import { createAppEngine } from '../ipc/app-engine'
import { registerAppScheme, serveAppProtocol } from './app-protocol'
import { cliArguments, runCliInApp } from './cli-mode'
import { isAppUrl } from './app-url'
import { createElectronTransport } from './electron-transport'
import { registerIpcHandlers } from '../ipc/handlers'
import { createJobController } from '../ipc/job-controller'
import { createJobEndNotifier } from './job-end-notice'
import { lockDown } from './lock-down'
import { createMainI18n, type Translate } from './main-i18n'
import { guardQuit } from './quit-guard'
import { createSleepInhibitor } from './sleep-inhibitor'
import { createMainWindow } from './window'
import { describeJobForWindow } from './window-progress'

// Only an unpackaged app may load the electron-vite dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

async function pick(
  win: BrowserWindow | undefined,
  request: IpcRequests['dialog:pick']['payload'],
  t: Translate,
): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: request.title ?? t(request.kind === 'folder' ? 'main.addFolder' : 'main.addFiles'),
    properties: [
      request.kind === 'folder' ? 'openDirectory' : 'openFile',
      ...(request.multiple ? (['multiSelections'] as const) : []),
    ],
  }
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

/** Opens a job's destination in the file manager; `shell.openPath` answers an error message, or '' on success. */
async function openFolder(destination: string): Promise<void> {
  const problem = await shell.openPath(destination)
  if (problem) throw new FerryError('IO_ERROR', `Could not open ${destination}: ${problem}`, destination)
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
  // The system's language until the window says which it speaks (app:set-language).
  const i18n = createMainI18n([app.getLocale(), ...app.getPreferredSystemLanguages()])

  // Ferry needs no camera, microphone or other web permissions; notifications come from the main process.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  serveAppProtocol()

  const engine = createAppEngine()
  const transport = createElectronTransport(ipcMain, () => (win ? [win.webContents] : []))
  const sleep = createSleepInhibitor(powerSaveBlocker)
  const notify = createJobEndNotifier({
    t: i18n.t,
    language: () => i18n.language,
    windowActive: () => !!win && !win.isDestroyed() && win.isVisible() && win.isFocused(),
    show: ({ title, body }) => {
      if (!Notification.isSupported()) return
      const notification = new Notification({ title, body })
      notification.on('click', () => win?.show())
      notification.show()
    },
  })
  // The last event that set the title, so a change of language retitles the window at once.
  let titled: JobEvent | undefined
  const showJob = (event: JobEvent): void => {
    const shown = describeJobForWindow(event, i18n.t)
    if (!shown || !win || win.isDestroyed()) return
    titled = event
    win.setTitle(shown.title)
    win.setProgressBar(shown.progress, { mode: shown.mode })
  }
  i18n.onChange(() => titled && showJob(titled))
  const jobs = createJobController(
    engine,
    (events) => {
      transport.send(events)
      for (const event of events) {
        showJob(event)
        sleep.observe(event)
        notify(event)
      }
      // Each job's resume journal: a copy cut by a quit, a crash or a power cut is offered again at the next start.
    },
    join(app.getPath('userData'), 'jobs'),
  )
  registerIpcHandlers(transport, {
    jobs,
    isTrustedSender: (sender) => isAppUrl(sender.url, devServerUrl),
    pick: (request) => pick(win, request, i18n.t),
    openFolder,
    setLanguage: (language) => i18n.setLanguage(language),
  })
  win = createMainWindow(devServerUrl)
  guardQuit(win, jobs, engine, i18n.t)
  app.on('will-quit', () => sleep.release())
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
