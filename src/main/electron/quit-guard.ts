import { app, dialog, type BrowserWindow } from 'electron'
import type { CopyEngine } from '../../engine'
import type { JobController } from '../ipc/job-controller'
import type { Translate } from './main-i18n'

/**
 * Closing the window or quitting while a job runs asks first; on "Cancel copy and quit" the job is cancelled
 * (its partial files removed) before the app exits, and the engine's pool is closed on the way out. The question
 * is asked in the window's language (`t`, read when the dialog opens).
 */
export function guardQuit(win: BrowserWindow, jobs: JobController, engine: CopyEngine, t: Translate): void {
  let confirmed = false
  let asking = false
  let engineClosed = false

  const askThenQuit = async (): Promise<void> => {
    if (asking) return
    asking = true
    try {
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: [t('main.quitCancel'), t('main.quitKeep')],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
        title: t('main.quitTitle'),
        message: t('main.quitMessage'),
        detail: t('main.quitDetail'),
      })
      if (response !== 0) return
      // The job may have ended while the dialog was open; stop() then returns at once.
      await jobs.stop()
      confirmed = true
      app.quit()
    } finally {
      asking = false
    }
  }

  const intercept = (event: Electron.Event): void => {
    if (confirmed || !jobs.running) return
    event.preventDefault()
    void askThenQuit()
  }

  win.on('close', intercept)
  app.on('before-quit', intercept)
  app.on('will-quit', (event) => {
    if (engineClosed) return
    event.preventDefault()
    void engine.close().finally(() => {
      engineClosed = true
      app.quit()
    })
  })
}
