/**
 * What the native core's tests share: the loaded binding (or why there is none, to skip with), temp folders,
 * file hashes, and one-call copies of single items. The only place tests/native reaches inside src/engine.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
// The native core's own tests reach inside it, as tests/engine does (eslint's insideEngine lists only that folder).
import { copyItems, type NativeItem, type NativeOutcome } from '../../src/engine/native/batch'
import { loadCore } from '../../src/engine/native/load'
import type { NativeBatchOptions, NativeBinding } from '../../src/engine/native/native-core'

export { TempDirs } from '../helpers/temp-dirs'

const run = promisify(execFile)

const choice = loadCore()
/** The binding, when this checkout has built it. */
export const binding: NativeBinding | undefined = choice.core === 'native' ? choice.binding : undefined
/** Where the binding was loaded from (worker threads load the same file). */
export const bindingPath: string | undefined = choice.core === 'native' ? choice.path : undefined
/** Why the native tests skip, or undefined when they run. */
export const noNative: string | undefined = binding ? undefined : `native core not loaded: ${choice.reason}`

/** The binding, asserting it is loaded (tests are skipped otherwise). */
export function core(): NativeBinding {
  if (!binding) throw new Error(noNative)
  return binding
}

/** Why root-only tests skip, or undefined as root. */
export const notRoot: string | undefined = process.getuid?.() === 0 ? undefined : 'needs root'

/** Whether a command-line tool exists (tests install nothing; .ci/run may). */
export async function hasTool(name: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${name}`])
    return true
  } catch {
    return false
  }
}

export async function sh(command: string, args: string[]): Promise<string> {
  return (await run(command, args, { maxBuffer: 16 << 20 })).stdout
}

export function sha256(path: string | Buffer): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Temp name the tests use for an item (the engine's own partial names are its business). */
export const TEMP = '.ferry-native-test-partial'

/** Copies `srcDir/name` to `dstDir/name` through a temp (NOREPLACE unless `extra` says otherwise). */
export function copyOne(
  srcDir: string,
  name: string | Buffer,
  dstDir: string,
  extra: Partial<NativeItem> = {},
  options: NativeBatchOptions = {},
): NativeOutcome {
  const bytes = (text: string | Buffer): Buffer => (typeof text === 'string' ? Buffer.from(text) : text)
  const item: NativeItem = {
    id: 1,
    srcDir: bytes(srcDir),
    srcName: bytes(name),
    dstDir: bytes(dstDir),
    tempName: bytes(TEMP),
    finalName: bytes(name),
    ...extra,
  }
  const [outcome] = copyItems(core(), [item], options)
  if (!outcome) throw new Error('copyBatch returned no outcome')
  return outcome
}

/** `dir/name` with a name given as bytes. */
export function bytePathOf(dir: string, name: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${dir}/`), typeof name === 'string' ? Buffer.from(name) : name])
}
