import { readFile, stat } from 'node:fs/promises'
import { extname, join, posix, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/** A file of the built renderer, ready to send. */
export interface StaticFile {
  body: Buffer
  contentType: string
}

/**
 * Reads the file a URL path names inside `root` (the built renderer), or null when there is none. `/` means
 * `index.html`. The path is decoded and normalised first and must stay inside `root`, so `..`, encoded slashes and
 * NUL bytes cannot reach any other file.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = posix.normalize(`/${decoded}`).slice(1) || 'index.html'
  const base = resolve(root)
  const file = resolve(join(base, relative))
  if (!file.startsWith(base + sep)) return null
  try {
    if (!(await stat(file)).isFile()) return null
    return {
      body: await readFile(file),
      contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    }
  } catch {
    return null
  }
}

/**
 * The Content-Security-Policy of Ferry's renderer: only its own scripts and styles, no inline script, no plugins,
 * no framing, no forms, and network access only to `connectSrc` (the web shell's WebSocket; nothing in Electron).
 */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}

/** Response headers for every renderer file, in Electron and the web shell alike. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The web shell's token travels in the first URL: never leak it through a Referer header.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
    'Cache-Control': 'no-store',
  }
}
