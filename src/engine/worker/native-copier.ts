/**
 * The native core behind the byte-copier seam: one `copyBatch` call per item fills the temporary file (no final
 * name: `copy-item.ts` commits it), or one per run of fresh regular files (`copyFiles`: folders opened once, the C
 * side keeping each item's progress words and status byte; with `finals`, it renames too), with the C side opening the source `O_NOFOLLOW | O_NONBLOCK` relative to its
 * folder, checking type and the walk's (dev, ino) on the descriptor, cloning or offloading where the pair allows,
 * and carrying ns times, mode, xattrs/ACLs and (as root) the owner. Its outcomes are mapped exactly as the JS core
 * reports them (`js-copier.ts`, `source-file.ts`): `SOURCE_CHANGED` in the same words, source-side errno failures
 * naming the source, the rest thrown as Node errno errors that `copy-item.ts` attributes to the final name.
 *
 * Progress and control: given `ctx.shared`, the C side writes the slot's file-bytes word and reads (and waits on)
 * the control word itself; with `CALLER_COUNTS` it leaves the per-item words (file id, done accounted/copied) to the
 * worker loop, so nothing is counted twice. Verification needs the JS hashers: such tasks use the JS core.
 */
import fs from 'node:fs'
import { constants } from 'node:os'
import { getSystemErrorMap } from 'node:util'
import { type BytePath, displayPath, fsPath } from '../lib/byte-path'
import { type FerryError, toFerryError } from '../errors'
import { type CopyItem, RUN } from '../protocol'
import {
  ITEM,
  ItemFlag,
  JobOption,
  OUT,
  OutFlag,
  PATH_ROLES,
  STEPS,
  Status,
  type Step,
} from '../native/constants'
import type { NativeBatchOptions, NativeBinding } from '../native/native-core'
import {
  type ByteCopier,
  Cancelled,
  type CopyContext,
  type FileResult,
  type RunContext,
  SkippedByUser,
  stopped,
} from './byte-copier'
import { jsCopier, replacedLink } from './js-copier'
import { kindOf, replaced, sourceChanged } from './source-file'

const OPTIONS = JobOption.OWNER | JobOption.XATTRS | JobOption.CALLER_COUNTS
/** A run of files (`copyFiles`): the C side keeps the per-item words too. */
const RUN_OPTIONS = JobOption.OWNER | JobOption.XATTRS

/** What Node calls the system call of each failing step (for the errno error's message). */
const SYSCALL: Partial<Record<Step, string>> = {
  'open-source-dir': 'open',
  'open-dest-dir': 'open',
  'open-source': 'open',
  'stat-source': 'fstat',
  'create-temp': 'open',
  read: 'read',
  write: 'write',
  truncate: 'ftruncate',
  owner: 'fchown',
  mode: 'fchmod',
  xattr: 'fsetxattr',
  times: 'futime',
  sync: 'fsync',
  close: 'close',
  rename: 'rename',
  readlink: 'readlink',
  symlink: 'symlink',
}

/** A {@link ByteCopier} over the loaded binding. */
export function nativeCopier(binding: NativeBinding): ByteCopier {
  const words = new BigInt64Array(ITEM.WORDS)

  /** Copies one item (a file, or a link with `symlink`) into `temp`; returns the outcome words. */
  const run = (
    item: CopyItem,
    temp: BytePath,
    ctx: CopyContext | undefined,
    symlink: boolean,
  ): Float64Array => {
    const srcAt = item.src.lastIndexOf('/')
    const tempAt = temp.lastIndexOf('/')
    const srcDir = srcAt < 0 ? '.' : srcAt === 0 ? '/' : item.src.slice(0, srcAt)
    const dstDir = tempAt < 0 ? '.' : tempAt === 0 ? '/' : temp.slice(0, tempAt)
    // One latin1 string is the paths buffer: char codes are bytes, so offsets are char positions.
    const joined = `${srcDir}\0${item.src.slice(srcAt + 1)}\0${dstDir}\0${temp.slice(tempAt + 1)}\0`
    const srcName = srcDir.length + 1
    const dstAt = srcName + item.src.length - srcAt
    let flags = symlink ? ItemFlag.SYMLINK : 0
    if (item.ino !== 0) flags |= ItemFlag.HAS_IDENTITY
    words[ITEM.ID] = BigInt(item.id)
    words[ITEM.FLAGS] = BigInt(flags)
    words[ITEM.SRC_DIR] = 0n
    words[ITEM.SRC_NAME] = BigInt(srcName)
    words[ITEM.DST_DIR] = BigInt(dstAt)
    words[ITEM.TEMP] = BigInt(dstAt + dstDir.length + 1)
    words[ITEM.FINAL] = -1n
    words[ITEM.DEV] = BigInt(item.dev)
    words[ITEM.INO] = BigInt(item.ino)
    words[ITEM.SIZE] = BigInt(item.size)
    // The walk's times are in ms (FileMeta): too coarse for HAS_WALK_META, which compares ns.
    words[ITEM.MTIME_NS] = 0n
    words[ITEM.MODE] = -1n
    const options: NativeBatchOptions = { options: OPTIONS }
    if (ctx) {
      options.chunkSize = ctx.chunkSize
      options.umask = ctx.umask
      if (ctx.shared) {
        options.control = ctx.shared.control
        options.progress = ctx.shared.progress
        options.throttle = ctx.shared.throttle
      }
    }
    return binding.copyBatch(Buffer.from(joined, 'latin1'), words, options)
  }

  let runWords = new BigInt64Array(ITEM.WORDS * 64)

  /** A run of regular files in one `copyBatch`: consecutive items of one folder share its bytes (and descriptor). */
  const copyFiles = (
    items: CopyItem[],
    temps: BytePath[],
    ctx: CopyContext,
    run: RunContext,
  ): FileResult[] => {
    const n = items.length
    if (runWords.length < n * ITEM.WORDS) runWords = new BigInt64Array(n * ITEM.WORDS)
    const w = runWords
    // One latin1 string is the paths buffer (char codes are bytes, offsets are char positions): one Buffer per run.
    let joined = ''
    let srcDir: string | undefined
    let dstDir: string | undefined
    let srcDirAt = 0
    let dstDirAt = 0
    const flags = BigInt(ItemFlag.HAS_IDENTITY | (run.finals ? ItemFlag.RENAME_REPLACE : 0))
    const plain = BigInt(run.finals ? ItemFlag.RENAME_REPLACE : 0)
    for (let i = 0; i < n; i++) {
      const item = items[i]!
      const temp = temps[i]!
      const srcAt = item.src.lastIndexOf('/')
      const tempAt = temp.lastIndexOf('/')
      const sDir = srcAt < 0 ? '.' : srcAt === 0 ? '/' : item.src.slice(0, srcAt)
      const dDir = tempAt < 0 ? '.' : tempAt === 0 ? '/' : temp.slice(0, tempAt)
      if (sDir !== srcDir) {
        srcDir = sDir
        srcDirAt = joined.length
        joined += `${sDir}\0`
      }
      if (dDir !== dstDir) {
        dstDir = dDir
        dstDirAt = joined.length
        joined += `${dDir}\0`
      }
      const at = i * ITEM.WORDS
      w[at + ITEM.ID] = BigInt(item.id)
      w[at + ITEM.FLAGS] = item.ino !== 0 ? flags : plain
      w[at + ITEM.SRC_DIR] = BigInt(srcDirAt)
      w[at + ITEM.SRC_NAME] = BigInt(joined.length)
      joined += `${item.src.slice(srcAt + 1)}\0`
      w[at + ITEM.DST_DIR] = BigInt(dstDirAt)
      w[at + ITEM.TEMP] = BigInt(joined.length)
      joined += `${temp.slice(tempAt + 1)}\0`
      const final = run.finals?.[i]
      if (final === undefined) w[at + ITEM.FINAL] = -1n
      else {
        w[at + ITEM.FINAL] = BigInt(joined.length)
        joined += `${final.slice(final.lastIndexOf('/') + 1)}\0`
      }
      w[at + ITEM.DEV] = BigInt(item.dev)
      w[at + ITEM.INO] = BigInt(item.ino)
      w[at + ITEM.SIZE] = BigInt(item.size)
      w[at + ITEM.MTIME_NS] = 0n
      w[at + ITEM.MODE] = -1n
    }
    // Without CALLER_COUNTS: the C side keeps the slot's per-item words and status bytes as the worker loop does.
    const out = binding.copyBatch(Buffer.from(joined, 'latin1'), w.subarray(0, n * ITEM.WORDS), {
      options: RUN_OPTIONS,
      chunkSize: ctx.chunkSize,
      umask: ctx.umask,
      control: ctx.shared?.control,
      progress: ctx.shared?.progress,
      throttle: ctx.shared?.throttle,
      statuses: run.statuses,
    })
    const results: FileResult[] = new Array<FileResult>(n)
    for (let i = 0; i < n; i++) {
      const at = i * OUT.WORDS
      const status = out[at + OUT.STATUS]
      results[i] =
        status === Status.DONE
          ? (out[at + OUT.BYTES] ?? 0)
          : status === Status.NOT_STARTED
            ? undefined
            : failure(binding, items[i]!, out, at, false)
    }
    return results
  }

  return {
    copyFiles,

    copyFile(item, temp, ctx) {
      if (ctx.hashers) return jsCopier.copyFile(item, temp, ctx)
      const out = run(item, temp, ctx, false)
      const status = out[OUT.STATUS]
      const bytes = out[OUT.BYTES] ?? 0
      if (status === Status.DONE) {
        // Without shared memory the C side could not report or obey: do it once, as the JS core does per chunk.
        if (!ctx.shared) {
          const state = ctx.checkpoint(bytes, ((out[OUT.FLAGS] ?? 0) & OutFlag.CLONED) === 0)
          if (state !== RUN) throw stopped(state)
        }
        return bytes
      }
      throw failure(binding, item, out, 0, false)
    },

    copySymlink(item, temp) {
      const out = run(item, temp, undefined, true)
      if (out[OUT.STATUS] === Status.DONE) return
      throw failure(binding, item, out, 0, true)
    },
  }
}

/** The error (or {@link Cancelled}) for a native outcome that is not `done`. */
function failure(
  binding: NativeBinding,
  item: CopyItem,
  out: Float64Array,
  at: number,
  symlink: boolean,
): Error {
  const status = out[at + OUT.STATUS]
  if (status === Status.CANCELLED || status === Status.NOT_STARTED) return new Cancelled()
  if (status === Status.SKIPPED) return new SkippedByUser()
  const errno = out[at + OUT.ERRNO] ?? 0
  const step = STEPS[out[at + OUT.STEP] ?? 0] ?? 'none'
  const role = PATH_ROLES[out[at + OUT.PATH] ?? 0] ?? 'none'
  if (status === Status.SOURCE_CHANGED) return changed(item, step, errno, symlink)
  const error = errnoError(binding, errno, step)
  if (role === 'source' || role === 'source-dir') {
    const doing = symlink
      ? 'reading the link'
      : step === 'open-source' || step === 'open-source-dir'
        ? 'opening'
        : 'reading'
    return toFerryError(error, displayPath(item.src), doing, 'source')
  }
  // Destination side (the folder, the temp, its data and metadata): copy-item.ts names the final name.
  return error
}

/** A Node-shaped errno error (`code`, `errno`, `syscall`), without the temp's name in its message. */
export function errnoError(binding: NativeBinding, errno: number, step: Step): NodeJS.ErrnoException {
  const known = ERRNO_TEXT.get(-errno)
  const code = known?.[0] ?? binding.errnoName(errno) ?? `E${errno}`
  const syscall = SYSCALL[step] ?? step
  const error: NodeJS.ErrnoException = new Error(`${code}: ${known?.[1] ?? 'system error'}, ${syscall}`)
  error.code = code
  error.errno = -errno
  error.syscall = syscall
  return error
}

const ERRNO_TEXT = getSystemErrorMap()

/** `SOURCE_CHANGED` in the JS core's words (source-file.ts, js-copier.ts). */
function changed(item: CopyItem, step: Step, errno: number, symlink: boolean): FerryError {
  if (step === 'open-source') {
    return replaced(item.src, errno === constants.errno.ENXIO ? 'a socket' : 'a symbolic link')
  }
  if (symlink) return replacedLink(item.src)
  let now: fs.BigIntStats | undefined
  try {
    now = fs.lstatSync(fsPath(item.src), { bigint: true })
  } catch {
    now = undefined
  }
  if (errno === 0 || !now) {
    // The descriptor was not the walked regular file: say what is there now, as the JS core does.
    return replaced(item.src, now && !now.isFile() ? kindOf(now) : 'another file')
  }
  // Changed while copied (size or mtime moved, or a short read): the walk's size against what is there now.
  const walkMtime = item.meta ? BigInt(Math.round(item.meta.mtimeMs * 1e6)) : now.mtimeNs
  return sourceChanged(item.src, { size: BigInt(item.size), mtimeNs: walkMtime }, now)
}
