import type { WebContents } from 'electron'

/** The parts of a `WebContents` that {@link lockDown} hooks (tests pass a fake). */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Keeps a web contents on Ferry's own pages: navigation and redirects anywhere `isAppUrl` rejects are cancelled,
 * every `window.open`/target=_blank is denied, and `<webview>` cannot be attached.
 */
export function lockDown(contents: LockableContents, isAppUrl: (url: string) => boolean): void {
  const stayHome = (event: Electron.Event, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
