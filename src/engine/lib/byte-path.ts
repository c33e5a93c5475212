/**
 * Paths as bytes. A POSIX file name is a byte string with no encoding; decoding it as UTF-8 loses names that are not
 * valid UTF-8 (`\xff` and a real U+FFFD then alias each other, a link target `caf\xe9` is rewritten). Inside the
 * engine every path is a {@link BytePath}: a string whose char codes are the path's bytes (Node's `latin1`
 * encoding, which maps bytes 0–255 one to one). It keeps string operations cheap and exact — `/` is byte 0x2F, so
 * concatenation, `lastIndexOf('/')`, Map keys and structured cloning to workers all work on bytes — and fs calls
 * receive the exact bytes through {@link fsPath}. People see {@link displayPath}, a lossy UTF-8 reading.
 *
 * Windows paths are UTF-16 and Node converts them itself, so there a BytePath is the path unchanged.
 */

/** A path whose char codes are its bytes (see the module comment). Make one with {@link bytePath}. */
export type BytePath = string & { readonly __bytePath: unique symbol }

const WINDOWS = process.platform === 'win32'

/** The encoding that reads names from `readdir`/`readlink` as BytePaths. */
export const NAME_ENCODING: BufferEncoding = WINDOWS ? 'utf8' : 'latin1'

/** A path typed by a person or received over IPC (UTF-8 text) as a BytePath. */
export function bytePath(text: string): BytePath {
  return (WINDOWS ? text : Buffer.from(text, 'utf8').toString('latin1')) as BytePath
}

/** A name read with {@link NAME_ENCODING} (readdir, readlink), already a BytePath. */
export function asBytePath(name: string): BytePath {
  return name as BytePath
}

/** What to hand to `fs`: the path's exact bytes. */
export function fsPath(path: BytePath): string | Buffer {
  return WINDOWS ? path : Buffer.from(path, 'latin1')
}

/** The path as people read it (UTF-8; bytes that are not UTF-8 show as U+FFFD). Never use it to reach a file. */
export function displayPath(path: BytePath): string {
  if (WINDOWS) return path
  // Pure ASCII reads the same in both encodings: skip the conversion for the common case.
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) > 0x7f) return Buffer.from(path, 'latin1').toString('utf8')
  }
  return path
}

/** True when the path's bytes are not valid UTF-8, so {@link displayPath} cannot show it exactly. */
export function isLossy(path: BytePath): boolean {
  return !WINDOWS && bytePath(displayPath(path)) !== path
}

/** `parent` + separator + `name`; a root such as `/` already ends with the separator. */
export function childPath(parent: BytePath, name: BytePath): BytePath {
  const sep = WINDOWS ? '\\' : '/'
  return (parent.endsWith(sep) ? parent + name : parent + sep + name) as BytePath
}

/** The folder part of `path` (as `path.dirname`, on bytes). */
export function parentPath(path: BytePath): BytePath {
  const at = Math.max(path.lastIndexOf('/'), WINDOWS ? path.lastIndexOf('\\') : -1)
  if (at < 0) return '.' as BytePath
  return (at === 0 ? path.slice(0, 1) : path.slice(0, at)) as BytePath
}

/** The last component of `path` (as `path.basename`, on bytes; trailing separators ignored). */
export function baseName(path: BytePath): BytePath {
  let end = path.length
  while (end > 1 && (path[end - 1] === '/' || (WINDOWS && path[end - 1] === '\\'))) end--
  const trimmed = path.slice(0, end)
  const at = Math.max(trimmed.lastIndexOf('/'), WINDOWS ? trimmed.lastIndexOf('\\') : -1)
  return trimmed.slice(at + 1) as BytePath
}
