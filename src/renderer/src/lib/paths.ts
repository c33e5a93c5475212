/**
 * Path helpers for the renderer, which has no `node:path`. Paths come from another machine's point of view (the
 * main process), so the style is read from the path itself: `/…` is POSIX (where `\` is a legal file-name
 * character), `C:\…`, `C:/…` and `\\server\share` are Windows (where both `\` and `/` separate).
 */

const WINDOWS_DRIVE = /^[A-Za-z]:[\\/]/
const WINDOWS_UNC = /^\\\\[^\\]/

function isWindowsPath(path: string): boolean {
  return WINDOWS_DRIVE.test(path) || WINDOWS_UNC.test(path)
}

/** True for an absolute POSIX or Windows path (what the engine accepts). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || isWindowsPath(path)
}

function lastSeparator(path: string): number {
  return isWindowsPath(path) ? Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) : path.lastIndexOf('/')
}

/** Length of the root part that must never be trimmed: `/`, `C:\`, `\\server\share\`. */
function rootLength(path: string): number {
  if (path.startsWith('/')) return 1
  if (WINDOWS_DRIVE.test(path)) return 3
  const unc = /^\\\\[^\\]+\\[^\\]+\\?/.exec(path)
  return unc ? unc[0].length : 0
}

/** The path without trailing separators, keeping a root (`/`, `C:\`) intact. */
export function trimTrailingSeparators(path: string): string {
  const root = rootLength(path)
  let end = path.length
  const isSep = (c: string | undefined): boolean => c === '/' || (isWindowsPath(path) && c === '\\')
  while (end > root && isSep(path[end - 1])) end--
  return path.slice(0, end)
}

/** The folder holding `path` (`/a/b` → `/a`, `/a` → `/`, `C:\a\b` → `C:\a`); a root is its own folder. */
export function dirname(path: string): string {
  const trimmed = trimTrailingSeparators(path)
  const root = rootLength(trimmed)
  const i = lastSeparator(trimmed)
  if (i < root) return trimmed.slice(0, root) || trimmed
  return trimmed.slice(0, i)
}

/** The last part of `path` (`/a/b.txt` → `b.txt`); a root gives itself. */
export function basename(path: string): string {
  const trimmed = trimTrailingSeparators(path)
  const i = lastSeparator(trimmed)
  const base = trimmed.slice(i + 1)
  return base || trimmed
}

/**
 * Cleans a path a person typed or pasted: trims blanks, drops the quotes Windows' "Copy as path" adds, turns a
 * `file://` URL (what file managers put on the clipboard) into a path, and removes trailing separators.
 */
export function cleanTypedPath(text: string): string {
  let path = text.trim()
  if (path.length >= 2 && /^(["']).*\1$/.test(path)) path = path.slice(1, -1).trim()
  if (/^file:\/\//i.test(path)) {
    try {
      const url = new URL(path)
      const decoded = decodeURIComponent(url.pathname)
      // file:///C:/x → /C:/x: drop the slash before a drive letter.
      path = /^\/[A-Za-z]:\//.test(decoded) ? decoded.slice(1) : decoded
      if (url.host) path = `\\\\${url.host}${path.replaceAll('/', '\\')}`
    } catch {
      // Not a valid URL after all: keep the text as typed; validation will say why it is not usable.
    }
  }
  return trimTrailingSeparators(path)
}

/** Splits pasted text into paths, one per non-empty line (a file manager's copy of several items). */
export function splitPastedPaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(cleanTypedPath)
    .filter((line) => line.length > 0 && !line.startsWith('#'))
}
