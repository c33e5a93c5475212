/**
 * The command line as the user typed it, bytes included. Node decodes `process.argv` as UTF-8 and replaces bytes
 * that are not (a Latin-1 file name, `caf\xe9.txt`) by U+FFFD, so such a source would not be found. On Linux the raw
 * arguments are in /proc/self/cmdline; they are read back as text with surrogateescape (each stray byte a lone
 * U+DC80 + byte), which the engine turns into the exact bytes again.
 */
import { readFileSync } from 'node:fs'
import { textFromBytes } from '../engine'

/** `argv` (as process.argv: runtime, script, arguments) with its arguments' exact bytes where Node lost them. */
export function rawArgv(argv: readonly string[], cmdline = '/proc/self/cmdline'): string[] {
  if (process.platform !== 'linux' || !argv.some((arg) => arg.includes('\ufffd'))) return [...argv]
  try {
    const raw = readFileSync(cmdline)
    const parts: Buffer[] = []
    let start = 0
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === 0) {
        parts.push(raw.subarray(start, i))
        start = i + 1
      }
    }
    const count = argv.length - 2
    // The user's arguments are the last ones (node's own options come before the script).
    const user = parts.slice(parts.length - count).map((part) => textFromBytes(part))
    if (user.length !== count || user.some((arg, i) => !sameText(arg, argv[i + 2]!))) return [...argv]
    return [argv[0]!, argv[1]!, ...user]
  } catch {
    return [...argv]
  }
}

/** The raw argument reads as Node's decoding of it once stray bytes are shown as U+FFFD. */
function sameText(raw: string, decoded: string): boolean {
  return raw.replace(/[\udc80-\udcff]+/g, '\ufffd') === decoded.replace(/\ufffd+/g, '\ufffd')
}
