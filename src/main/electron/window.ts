import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_URL } from './app-url'

/**
 * Creates Ferry's one window, locked down: isolated, sandboxed preload, no Node in the page, no navigation away
 * from the app and no new windows. Loads the dev server in development, else the `ferry://` app protocol.
 */
export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1040,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Ferry',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // The renderer sets no title of its own that matters; the main process owns it (it follows the job).
  win.on('page-title-updated', (event) => event.preventDefault())
  void win.loadURL(devServerUrl ?? APP_URL)
  return win
}
