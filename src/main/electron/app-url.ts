/** The privileged scheme the packaged renderer is served from (`ferry://app/index.html`), not `file://`. */
export const APP_SCHEME = 'ferry'
export const APP_HOST = 'app'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * True when `url` is a page of Ferry's own renderer: `ferry://app/…`, or in development the electron-vite dev
 * server's origin. Anything else (another scheme or host, a `file:` page, no URL at all) is foreign.
 */
export function isAppUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (!devServerUrl) return false
  try {
    // Origins of http(s) URLs are comparable; custom schemes have opaque origins, hence the host check above.
    return parsed.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}
