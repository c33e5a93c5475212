/**
 * Paths as bytes. A POSIX file name is a byte string with no encoding; decoding it as UTF-8 loses names that are not
 * valid UTF-8 (`\xff` and a real U+FFFD then alias each other, a link target `caf\xe9` is rewritten). Inside the
 * engine every path is a {@link BytePath}: a string whose char codes are the path's bytes (Node's `latin1`
 * encoding, which maps bytes 0–255 one to one). It keeps string operations cheap and exact — `/` is byte 0x2F, so
 * concatenation, `lastIndexOf('/')`, Map keys and structured cloning to workers all work on bytes — and fs calls
 * receive the exact bytes through {@link fsPath}.
 *
 * Text for people and for the IPC contract is {@link displayPath}: the bytes read as UTF-8 with Python's
 * "surrogateescape" (PEP 383) for bytes that are not UTF-8 — each becomes the lone surrogate U+DC80 + byte. It reads
 * as the name wherever the name is UTF-8, shows as U+FFFD once printed or rendered, and {@link bytePath} turns it back
 * into the exact bytes, so a name that is not UTF-8 survives a round trip through the window ("Retry failed") or a
 * command line (the CLI reads its raw arguments the same way).
 *
 * Windows paths are UTF-16 and Node converts them itself, so there a BytePath is the path unchanged.
 */

/** A path whose char codes are its bytes (see the module comment). Make one with {@link bytePath}. */
export type BytePath = string & { readonly __bytePath: unique symbol }

const WINDOWS = process.platform === 'win32'

/** The encoding that reads names from `readdir`/`readlink` as BytePaths. */
export const NAME_ENCODING: BufferEncoding = WINDOWS ? 'utf8' : 'latin1'

/** A path typed by a person or received over IPC (text; lone U+DC80–U+DCFF stand for raw bytes) as a BytePath. */
export function bytePath(text: string): BytePath {
  if (WINDOWS) return text as BytePath
  if (!/[\ud800-\udfff]/.test(text)) return Buffer.from(text, 'utf8').toString('latin1') as BytePath
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    out +=
      code >= 0xdc80 && code <= 0xdcff
        ? String.fromCharCode(code - 0xdc00)
        : Buffer.from(char, 'utf8').toString('latin1')
  }
  return out as BytePath
}

/** A name read with {@link NAME_ENCODING} (readdir, readlink), already a BytePath. */
export function asBytePath(name: string): BytePath {
  return name as BytePath
}

/** What to hand to `fs`: the path's exact bytes. */
export function fsPath(path: BytePath): string | Buffer {
  return WINDOWS ? path : Buffer.from(path, 'latin1')
}

/**
 * The path as text: UTF-8, with each byte that is not part of valid UTF-8 as the lone surrogate U+DC80 + byte
 * (shown as U+FFFD). {@link bytePath} inverts it exactly. To reach a file use the BytePath, never this.
 */
export function displayPath(path: BytePath): string {
  if (WINDOWS) return path
  // Pure ASCII reads the same in both encodings: skip the conversion for the common case.
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) > 0x7f) return decodeEscaped(Buffer.from(path, 'latin1'))
  }
  return path
}

/** True when the path's bytes are not valid UTF-8 (its text form carries escaped bytes). */
export function isLossy(path: BytePath): boolean {
  return !WINDOWS && /[\udc80-\udcff]/.test(displayPath(path))
}

/** UTF-8 with surrogateescape: valid sequences decode, every other byte becomes U+DC80 + byte. */
export function decodeEscaped(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8')
  if (!text.includes('\ufffd')) return text
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    const seq = need >= 0 ? bytes.subarray(i, i + need + 1) : undefined
    const char = seq && seq.length === need + 1 ? Buffer.from(seq).toString('utf8') : undefined
    // A valid sequence (a real U+FFFD too) re-encodes to itself; an overlong, surrogate or cut one does not.
    if (char !== undefined && Buffer.from(char, 'utf8').equals(seq!)) {
      out += char
      i += need + 1
    } else {
      out += String.fromCharCode(0xdc00 + b)
      i++
    }
  }
  return out
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
