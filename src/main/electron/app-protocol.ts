import { join } from 'node:path'
import { protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './app-url'
import { contentSecurityPolicy, readStaticFile, securityHeaders } from '../web/static-files'

/** Must run before `app` is ready: makes `ferry://` a standard, secure origin (like https) for the renderer. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer (out/renderer) on `ferry://app/` with Ferry's CSP and security headers. Serving our
 * own scheme instead of `file://` keeps the page from reading other local files and gives the sender check one
 * exact origin to compare. `root` defaults to the renderer next to the main bundle (out/main → out/renderer).
 */
export function serveAppProtocol(root = join(import.meta.dirname, '../renderer')): void {
  const headers = securityHeaders(contentSecurityPolicy("'none'"))
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === APP_HOST ? await readStaticFile(root, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404, headers })
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': file.contentType },
    })
  })
}
