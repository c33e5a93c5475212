/**
 * The native core behind the byte-copier seam: one `copyBatch` call per item fills the temporary file (no final
 * name: `copy-item.ts` commits it), with the C side opening the source `O_NOFOLLOW | O_NONBLOCK` relative to its
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
import { CANCEL, type CopyItem } from '../protocol'
import { ITEM, ItemFlag, JobOption, OUT, PATH_ROLES, STEPS, Status, type Step } from '../native/constants'
import type { NativeBatchOptions, NativeBinding } from '../native/native-core'
import { type ByteCopier, Cancelled, type CopyContext } from './byte-copier'
import { jsCopier, replacedLink } from './js-copier'
import { kindOf, replaced, sourceChanged } from './source-file'

const OPTIONS = JobOption.OWNER | JobOption.XATTRS | JobOption.CALLER_COUNTS

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
      }
    }
    return binding.copyBatch(Buffer.from(joined, 'latin1'), words, options)
  }

  return {
    copyFile(item, temp, ctx) {
      if (ctx.hashers) return jsCopier.copyFile(item, temp, ctx)
      const out = run(item, temp, ctx, false)
      const status = out[OUT.STATUS]
      const bytes = out[OUT.BYTES] ?? 0
      if (status === Status.DONE) {
        // Without shared memory the C side could not report or obey: do it once, as the JS core does per chunk.
        if (!ctx.shared && ctx.checkpoint(bytes) === CANCEL) throw new Cancelled()
        return bytes
      }
      throw failure(binding, item, out, false)
    },

    copySymlink(item, temp) {
      const out = run(item, temp, undefined, true)
      if (out[OUT.STATUS] === Status.DONE) return
      throw failure(binding, item, out, true)
    },
  }
}

/** The error (or {@link Cancelled}) for a native outcome that is not `done`. */
function failure(binding: NativeBinding, item: CopyItem, out: Float64Array, symlink: boolean): Error {
  const status = out[OUT.STATUS]
  if (status === Status.CANCELLED || status === Status.NOT_STARTED) return new Cancelled()
  const errno = out[OUT.ERRNO] ?? 0
  const step = STEPS[out[OUT.STEP] ?? 0] ?? 'none'
  const role = PATH_ROLES[out[OUT.PATH] ?? 0] ?? 'none'
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
function errnoError(binding: NativeBinding, errno: number, step: Step): NodeJS.ErrnoException {
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
