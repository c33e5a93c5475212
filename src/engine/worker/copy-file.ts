/**
 * Copies one file or symlink inside a worker thread, synchronously (the thread is dedicated to it, and sync calls
 * cost a fraction of promise round trips per small file). The file is written to a temporary name in its
 * destination folder and renamed into place only when complete, so no final name ever holds a partial file and an
 * overwritten file is replaced atomically, never truncated first.
 */
import fs from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { IHasher } from 'hash-wasm'
import { FerryError, toFerryError } from '../errors'
import {
  CANCEL,
  PARTIAL_MARKER,
  type CopyItem,
  type FileMeta,
  type ItemOutcome,
  partialName,
  type WorkerConflictPolicy,
} from '../protocol'

const { O_WRONLY, O_RDWR, O_CREAT, O_EXCL } = fs.constants
const NEW_FILE_FLAGS = O_WRONLY | O_CREAT | O_EXCL
/** Verification reads the new file back through the same descriptor. */
const NEW_FILE_FLAGS_VERIFY = O_RDWR | O_CREAT | O_EXCL

/** What the copy loop needs from its worker: the buffer, progress reporting, and the control word. */
export interface CopyContext {
  jobToken: string
  buffer: Buffer
  chunkSize: number
  /** Present when verifying. */
  hashers?: { source: IHasher; target: IHasher }
  /** Called after each chunk with the file's bytes so far; returns the control state (waits while paused). */
  checkpoint(bytes: number): number
  /** The process umask: new files get their final mode at creation and `fchmod` only when it would strip bits. */
  umask: number
}

/** Thrown inside the copy loop when the job is cancelled; the caller reports `cancelled`. */
class Cancelled extends Error {}

/** Copies one item under `policy`; never throws (errors become `failed` outcomes). */
export function copyItem(item: CopyItem, policy: WorkerConflictPolicy, ctx: CopyContext): ItemOutcome {
  // In a folder this job created, nothing can be in the way: skip the check (one syscall per small file).
  const decision = item.fresh ? { dst: item.dst, replace: false } : resolveConflict(item, policy)
  if (decision.outcome) return decision.outcome
  const dst = decision.dst
  const temp = partialName(dirname(dst), ctx.jobToken, item.id)
  try {
    const bytes = item.kind === 'symlink' ? writeSymlink(item.src, temp) : writeFile(item, temp, ctx)
    const final = item.fresh ? (fs.renameSync(temp, dst), dst) : commit(temp, dst, decision.replace)
    return final === item.dst
      ? { id: item.id, status: 'done', bytes }
      : { id: item.id, status: 'done', dst: final, bytes }
  } catch (error) {
    removeQuietly(temp)
    if (error instanceof Cancelled) return { id: item.id, status: 'cancelled', dst }
    const where =
      error instanceof FerryError ? error : toFerryError(error, errorPath(error, item.src, dst), 'copying')
    return { id: item.id, status: 'failed', dst, bytes: 0, error: where.toData() }
  }
}

/** Decides where the item goes given what exists at its destination. */
function resolveConflict(
  item: CopyItem,
  policy: WorkerConflictPolicy,
):
  | { outcome: ItemOutcome; dst?: never; replace?: never }
  | { outcome?: never; dst: string; replace: boolean } {
  let existing: fs.Stats | undefined
  try {
    existing = fs.lstatSync(item.dst, { throwIfNoEntry: false })
  } catch (error) {
    const e = toFerryError(error, item.dst, 'checking the destination')
    return { outcome: { id: item.id, status: 'failed', dst: item.dst, bytes: 0, error: e.toData() } }
  }
  if (!existing) return { dst: item.dst, replace: false }
  if (existing.isDirectory()) {
    const message = `Cannot copy ${item.src} to ${item.dst}: a folder with that name exists at the destination; rename or remove it and retry.`
    return {
      outcome: {
        id: item.id,
        status: 'failed',
        dst: item.dst,
        bytes: 0,
        error: { code: 'IS_A_DIRECTORY', message, path: item.dst },
      },
    }
  }
  switch (policy) {
    case 'skip':
      return { outcome: { id: item.id, status: 'skipped', dst: item.dst, reason: 'exists' } }
    case 'overwrite':
      return { dst: item.dst, replace: true }
    case 'rename':
      return { dst: freeName(item.dst), replace: false }
    case 'newer': {
      const source = fs.lstatSync(item.src)
      if (source.mtimeMs > existing.mtimeMs) return { dst: item.dst, replace: true }
      return { outcome: { id: item.id, status: 'skipped', dst: item.dst, reason: 'not-newer' } }
    }
    case 'ask': {
      const source = fs.lstatSync(item.src)
      return {
        outcome: {
          id: item.id,
          status: 'conflict',
          source: { size: source.size, mtimeMs: source.mtimeMs },
          existing: { size: existing.size, mtimeMs: existing.mtimeMs },
        },
      }
    }
  }
}

/** `name (1).ext`, `name (2).ext`, … : the first name that does not exist yet ("keep both"). */
export function freeName(path: string): string {
  const dir = dirname(path)
  const base = basename(path)
  // A dotfile such as `.bashrc` has no extension: keep the whole name as the stem.
  const ext = base.startsWith('.') && extname(base) === base ? '' : extname(base)
  const stem = base.slice(0, base.length - ext.length)
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${stem} (${n})${ext}`)
    if (!fs.existsSync(candidate)) return candidate
  }
}

function writeSymlink(src: string, temp: string): number {
  const target = fs.readlinkSync(src)
  fs.symlinkSync(target, temp)
  const st = fs.lstatSync(src)
  try {
    fs.lutimesSync(temp, st.atimeMs / 1000, st.mtimeMs / 1000)
  } catch {
    // Some filesystems cannot set a link's own times; the link itself is what matters.
  }
  return 0
}

/** Chunked copy through the worker's reusable buffer into `temp`; returns the bytes copied. */
function writeFile(item: CopyItem, temp: string, ctx: CopyContext): number {
  const input = fs.openSync(item.src, 'r')
  let output: number | undefined
  try {
    // A small file the walk already described: one read asking for a spare byte proves it still has the walked size
    // and reached its end, so the walk's mode and times serve and no fstat is needed. (Had it been rewritten since
    // at the same size, the copy gets the walk-time mtime: older than the source's, so a later sync recopies it.)
    let small = -1
    if (item.meta && item.size < ctx.chunkSize) small = fs.readSync(input, ctx.buffer, 0, item.size + 1, 0)
    if (item.meta && small === item.size) {
      output = createTemp(temp, item.meta.mode, ctx)
      writeSmall(output, small, ctx)
      return finishFile(output, item, item.meta, small, ctx)
    }
    const before = fs.fstatSync(input)
    output = createTemp(temp, before.mode, ctx)
    const size = before.size
    // Holes are kept only for files that have them: checking every chunk for zeros costs time otherwise.
    const sparse = before.blocks * 512 < size
    const position =
      size < ctx.chunkSize && !sparse
        ? copySmall(input, output, item, size, ctx)
        : copyChunked(input, output, item, before, sparse, ctx)
    return finishFile(output, item, before, position, ctx)
  } finally {
    fs.closeSync(input)
    if (output !== undefined) fs.closeSync(output)
  }
}

function createTemp(temp: string, mode: number, ctx: CopyContext): number {
  return fs.openSync(temp, ctx.hashers ? NEW_FILE_FLAGS_VERIFY : NEW_FILE_FLAGS, mode & 0o777)
}

/** Mode (when the umask stripped bits at creation), times, and the optional verification. */
function finishFile(output: number, item: CopyItem, meta: FileMeta, bytes: number, ctx: CopyContext): number {
  const mode = meta.mode & 0o7777
  if ((mode & ctx.umask) !== 0 || mode > 0o777) fs.fchmodSync(output, mode)
  fs.futimesSync(output, meta.atimeMs / 1000, meta.mtimeMs / 1000)
  if (ctx.hashers) verify(output, bytes, item, ctx, ctx.hashers)
  return bytes
}

/** A file smaller than a chunk: one read asking for a spare byte proves end of file without another call. */
function copySmall(input: number, output: number, item: CopyItem, size: number, ctx: CopyContext): number {
  const n = fs.readSync(input, ctx.buffer, 0, size + 1, 0)
  if (n !== size) throw sourceChanged(item.src, size, n)
  writeSmall(output, n, ctx)
  return n
}

/** Writes the first `n` bytes of the buffer (a whole small file), hashing them when verifying. */
function writeSmall(output: number, n: number, ctx: CopyContext): void {
  const chunk = ctx.buffer.subarray(0, n)
  if (ctx.hashers) {
    ctx.hashers.source.init()
    ctx.hashers.source.update(chunk)
  }
  writeAll(output, chunk, 0)
  ctx.checkpoint(n)
}

function copyChunked(
  input: number,
  output: number,
  item: CopyItem,
  before: fs.Stats,
  sparse: boolean,
  ctx: CopyContext,
): number {
  const { buffer, hashers } = ctx
  const size = before.size
  hashers?.source.init()
  let position = 0
  while (position < size) {
    const n = fs.readSync(input, buffer, 0, Math.min(ctx.chunkSize, size - position), position)
    if (n === 0) break
    const chunk = n === buffer.length ? buffer : buffer.subarray(0, n)
    hashers?.source.update(chunk)
    if (!(sparse && isZero(chunk))) writeAll(output, chunk, position)
    position += n
    if (ctx.checkpoint(position) === CANCEL) throw new Cancelled()
  }
  if (sparse) fs.ftruncateSync(output, position)
  const after = fs.fstatSync(input)
  if (after.size !== size || after.mtimeMs !== before.mtimeMs || position !== size) {
    throw sourceChanged(item.src, size, after.size)
  }
  return position
}

function sourceChanged(src: string, before: number, after: number): FerryError {
  return new FerryError(
    'SOURCE_CHANGED',
    `${src} changed while it was being copied (size ${before} → ${after} bytes); the copy was discarded. Retry when nothing is writing to it.`,
    src,
  )
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

/** Re-reads the written file and compares its hash with the source's, read while copying. */
function verify(
  fd: number,
  size: number,
  item: CopyItem,
  ctx: CopyContext,
  hashers: { source: IHasher; target: IHasher },
): void {
  fs.fsyncSync(fd)
  hashers.target.init()
  let position = 0
  while (position < size) {
    const n = fs.readSync(fd, ctx.buffer, 0, Math.min(ctx.chunkSize, size - position), position)
    if (n === 0) break
    hashers.target.update(n === ctx.buffer.length ? ctx.buffer : ctx.buffer.subarray(0, n))
    position += n
  }
  const expected = hashers.source.digest('hex')
  const actual = hashers.target.digest('hex')
  if (position !== size || expected !== actual) {
    throw new FerryError(
      'VERIFY_FAILED',
      `Verification failed for ${item.dst}: the written data differs from ${item.src} (xxh3 ${actual} ≠ ${expected}); the copy was discarded. Check the destination disk and retry.`,
      item.dst,
    )
  }
}

/**
 * Moves the finished temporary file to its final name. Without `replace`, a file that appeared at the destination
 * while this one was copied is not clobbered: the copy is kept next to it under a free name.
 */
function commit(temp: string, dst: string, replace: boolean): string {
  const final = !replace && fs.existsSync(dst) ? freeName(dst) : dst
  fs.renameSync(temp, final)
  return final
}

function removeQuietly(path: string): void {
  try {
    fs.unlinkSync(path)
  } catch {
    // Not created yet, or already gone.
  }
}

/** Which path an error is about: Node puts it on the error; reads are about the source, the rest the destination. */
function errorPath(error: unknown, src: string, dst: string): string {
  const path = (error as NodeJS.ErrnoException | undefined)?.path
  if (path === src) return src
  if (path && path.includes(PARTIAL_MARKER)) return dst
  return path ?? dst
}
