/**
 * Opening a source safely. The walk saw a regular file; by the time a worker opens it, it may have been replaced
 * by a link to a secret, a FIFO that would block the thread in `open()`, or another file. The open never follows
 * a final link (`O_NOFOLLOW`) and never blocks (`O_NONBLOCK`); the descriptor, not the path, is then checked to
 * be a regular file with the walk's (dev, ino). Everything after reads that descriptor only.
 */
import fs from 'node:fs'
import { type BytePath, displayPath, fsPath } from '../lib/byte-path'
import { FerryError, toFerryError } from '../errors'
import type { CopyItem } from '../protocol'

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants
const SOURCE_FLAGS = O_RDONLY | (O_NOFOLLOW ?? 0) | (O_NONBLOCK ?? 0)

/** An open, checked source: its descriptor and what `fstat` said of it (ns times). */
export interface OpenSource {
  fd: number
  st: fs.BigIntStats
}

/** Opens `item.src` and checks it is still the walked regular file; throws `SOURCE_CHANGED` otherwise. */
export function openSource(item: CopyItem): OpenSource {
  let fd: number
  try {
    fd = fs.openSync(fsPath(item.src), SOURCE_FLAGS)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw replaced(item.src, 'a symbolic link')
    throw toFerryError(error, displayPath(item.src), 'opening', 'source')
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true })
    if (!st.isFile()) throw replaced(item.src, kindOf(st))
    // The walk's identity (0 when it has none to give); a path swapped for another file is not this one.
    if (item.ino !== 0 && (Number(st.dev) !== item.dev || Number(st.ino) !== item.ino)) {
      throw replaced(item.src, 'another file')
    }
    return { fd, st }
  } catch (error) {
    fs.closeSync(fd)
    throw error instanceof FerryError
      ? error
      : toFerryError(error, displayPath(item.src), 'reading', 'source')
  }
}

/** Reads into `buffer` from the source descriptor; errors name the source, not the destination. */
export function readSource(
  src: BytePath,
  fd: number,
  buffer: Buffer,
  length: number,
  position: number | null,
): number {
  try {
    return fs.readSync(fd, buffer, 0, length, position)
  } catch (error) {
    throw toFerryError(error, displayPath(src), 'reading', 'source')
  }
}

/** What {@link sourceChanged} compares. */
export interface SizeAndTime {
  size: bigint
  mtimeNs: bigint
}

/** The source changed while it was read: says what changed (size, or modification time at the same size). */
export function sourceChanged(src: BytePath, before: SizeAndTime, after: SizeAndTime): FerryError {
  const what =
    after.size !== before.size
      ? `its size went from ${before.size} to ${after.size} bytes`
      : `it was modified at the same size (mtime ${isoTime(before.mtimeNs)} → ${isoTime(after.mtimeNs)})`
  return new FerryError(
    'SOURCE_CHANGED',
    `${displayPath(src)} changed while it was being copied (${what}); the copy was discarded. Retry when nothing is writing to it.`,
    displayPath(src),
  )
}

/** `SOURCE_CHANGED`: the name now holds something else than the walked regular file (`by`: what it holds). */
export function replaced(src: BytePath, by: string): FerryError {
  return new FerryError(
    'SOURCE_CHANGED',
    `${displayPath(src)} was replaced by ${by} after it was listed; it was not copied. Retry if the change was expected.`,
    displayPath(src),
  )
}

/** What a non-regular file is, in words ("a named pipe"). */
export function kindOf(st: fs.BigIntStats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isFIFO()) return 'a named pipe'
  if (st.isSocket()) return 'a socket'
  if (st.isSymbolicLink()) return 'a symbolic link'
  return 'a device'
}

function isoTime(ns: bigint): string {
  const ms = Number(ns / 1_000_000n)
  const rest = (ns % 1_000_000_000n).toString().padStart(9, '0')
  return `${new Date(ms).toISOString().slice(0, 19)}.${rest}Z`
}
