/**
 * The JS core: the reference {@link ByteCopier} (and the oracle the native core is compared with). Per regular file:
 * open and check the source (`source-file.ts`), then clone when the pair allows it (`clone.ts`), else copy in chunks
 * through the worker's one buffer (a small file in one read), keeping holes of sparse files; then mode, times and
 * the optional verification (`verify.ts`). The temporary file is always new (`O_CREAT | O_EXCL`).
 */
import fs from 'node:fs'
import { asBytePath, type BytePath, displayPath, fsPath, NAME_ENCODING } from '../lib/byte-path'
import { FerryError, toFerryError } from '../errors'
import { type CopyItem, RUN } from '../protocol'
import { type ByteCopier, type CopyContext, stopped } from './byte-copier'
import { CLONE_MIN_BYTES, tryClone } from './clone'
import { type OpenSource, openSource, readSource, sourceChanged } from './source-file'
import { settableSeconds } from './times'
import { verify } from './verify'

const { O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants
const NEW_FILE_FLAGS = O_WRONLY | O_CREAT | O_EXCL
/** Verification reads the new file back through the same descriptor. */
const NEW_FILE_FLAGS_VERIFY = O_RDWR | O_CREAT | O_EXCL

/** The JS implementation of the seam. */
export const jsCopier: ByteCopier = {
  copyFile(item, temp, ctx) {
    const source = openSource(item)
    let output: number | undefined
    try {
      const { st } = source
      const size = Number(st.size)
      if (size >= CLONE_MIN_BYTES && !ctx.hashers && tryClone(source.fd, Number(st.dev), temp)) {
        return finishClone(item, source, temp, ctx)
      }
      output = fs.openSync(
        fsPath(temp),
        ctx.hashers ? NEW_FILE_FLAGS_VERIFY : NEW_FILE_FLAGS,
        Number(st.mode) & 0o777,
      )
      // Holes are kept only for files that have them: checking every chunk for zeros costs time otherwise.
      const sparse = st.blocks * 512n < st.size
      const bytes =
        size === 0
          ? copyUntilEnd(item, source, output, ctx)
          : size < ctx.chunkSize && !sparse
            ? copySmall(item, source, output, ctx)
            : copyChunked(item, source, output, sparse, ctx)
      finishFile(output, st, ctx)
      if (ctx.hashers) verify(output, bytes, item, ctx, ctx.hashers)
      return bytes
    } finally {
      fs.closeSync(source.fd)
      if (output !== undefined) fs.closeSync(output)
    }
  },

  copySymlink(item, temp) {
    let target: BytePath
    let st: fs.BigIntStats
    try {
      target = asBytePath(fs.readlinkSync(fsPath(item.src), { encoding: NAME_ENCODING }))
      st = fs.lstatSync(fsPath(item.src), { bigint: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EINVAL') throw replacedLink(item.src)
      throw toFerryError(error, displayPath(item.src), 'reading the link', 'source')
    }
    fs.symlinkSync(fsPath(target), fsPath(temp))
    try {
      fs.lutimesSync(fsPath(temp), settableSeconds(st.atimeNs), settableSeconds(st.mtimeNs))
    } catch {
      // Some filesystems cannot set a link's own times; the link itself is what matters.
    }
  },
}

/** `SOURCE_CHANGED` for a link item whose name no longer holds a link. */
export function replacedLink(src: BytePath): FerryError {
  return new FerryError(
    'SOURCE_CHANGED',
    `${displayPath(src)} is no longer a symbolic link (it was replaced after it was listed); it was not copied.`,
    displayPath(src),
  )
}

/** Mode (when the umask stripped bits at creation) and times, at the precision the platform can set. */
function finishFile(output: number, st: fs.BigIntStats, ctx: CopyContext): void {
  const mode = Number(st.mode) & 0o7777
  if ((mode & ctx.umask) !== 0 || mode > 0o777) fs.fchmodSync(output, mode)
  fs.futimesSync(output, settableSeconds(st.atimeNs), settableSeconds(st.mtimeNs))
}

/** After a clone: the source must not have changed meanwhile; then the clone gets its mode and times. */
function finishClone(item: CopyItem, source: OpenSource, temp: BytePath, ctx: CopyContext): number {
  const after = fs.fstatSync(source.fd, { bigint: true })
  if (after.size !== source.st.size || after.mtimeNs !== source.st.mtimeNs) {
    throw sourceChanged(item.src, source.st, after)
  }
  const output = fs.openSync(fsPath(temp), O_WRONLY | O_NOFOLLOW)
  try {
    finishFile(output, source.st, ctx)
  } finally {
    fs.closeSync(output)
  }
  const bytes = Number(source.st.size)
  ctx.checkpoint(bytes, false)
  return bytes
}

/** A file smaller than a chunk: one read asking for a spare byte proves end of file without another call. */
function copySmall(item: CopyItem, source: OpenSource, output: number, ctx: CopyContext): number {
  const size = Number(source.st.size)
  const n = readSource(item.src, source.fd, ctx.buffer, size + 1, 0)
  if (n !== size) throw sourceChanged(item.src, source.st, { size: BigInt(n), mtimeNs: source.st.mtimeNs })
  const chunk = ctx.buffer.subarray(0, n)
  if (ctx.hashers) {
    ctx.hashers.source.init()
    ctx.hashers.source.update(chunk)
  }
  writeAll(output, chunk, 0)
  ctx.checkpoint(n)
  return n
}

/**
 * A regular file that says it is empty: really empty, or a kernel file (`/proc/cpuinfo`, many of `/sys`) whose size
 * is unknown until read. Like cp, read until end of file.
 */
function copyUntilEnd(item: CopyItem, source: OpenSource, output: number, ctx: CopyContext): number {
  ctx.hashers?.source.init()
  let position = 0
  for (;;) {
    const n = readSource(item.src, source.fd, ctx.buffer, ctx.buffer.length, null)
    if (n === 0) return position
    const chunk = ctx.buffer.subarray(0, n)
    ctx.hashers?.source.update(chunk)
    writeAll(output, chunk, position)
    position += n
    const state = ctx.checkpoint(position)
    if (state !== RUN) throw stopped(state)
  }
}

function copyChunked(
  item: CopyItem,
  source: OpenSource,
  output: number,
  sparse: boolean,
  ctx: CopyContext,
): number {
  const { buffer, hashers } = ctx
  const before = source.st
  const size = Number(before.size)
  hashers?.source.init()
  let position = 0
  while (position < size) {
    const n = readSource(item.src, source.fd, buffer, Math.min(ctx.chunkSize, size - position), position)
    if (n === 0) break
    const chunk = n === buffer.length ? buffer : buffer.subarray(0, n)
    hashers?.source.update(chunk)
    if (!(sparse && isZero(chunk))) writeAll(output, chunk, position)
    position += n
    const state = ctx.checkpoint(position)
    if (state !== RUN) throw stopped(state)
  }
  if (sparse) fs.ftruncateSync(output, position)
  const after = fs.fstatSync(source.fd, { bigint: true })
  if (after.size !== before.size || after.mtimeNs !== before.mtimeNs)
    throw sourceChanged(item.src, before, after)
  if (position !== size)
    throw sourceChanged(item.src, before, { size: BigInt(position), mtimeNs: after.mtimeNs })
  return position
}

function writeAll(fd: number, chunk: Buffer, position: number): void {
  let written = 0
  while (written < chunk.length) {
    written += fs.writeSync(fd, chunk, written, chunk.length - written, position + written)
  }
}

const ZEROS = Buffer.alloc(64 * 1024)

function isZero(chunk: Buffer): boolean {
  for (let at = 0; at < chunk.length; at += ZEROS.length) {
    const end = Math.min(at + ZEROS.length, chunk.length)
    if (!chunk.subarray(at, end).equals(ZEROS.subarray(0, end - at))) return false
  }
  return true
}
