import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'

// Minimal shell: the full window, IPC handlers and security settings arrive with the desktop issue.
function createWindow(): void {
  const win = new BrowserWindow({
    width: 960,
    height: 680,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  })
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
}

void app.whenReady().then(createWindow)
app.on('window-all-closed', () => app.quit())
