/**
 * Streams the sources into copy entries, breadth-first, a directory at a time: memory holds the folders still to
 * visit and one directory's batch of entries, never the whole tree. The consumer pulls, so a slow copy slows the walk.
 * Names are read as bytes ({@link NAME_ENCODING}) so that no name is lost or rewritten.
 */
import fs from 'node:fs'
import type { FerryErrorData } from '../shared/job'
import { toFerryError } from './errors'
import { asBytePath, type BytePath, childPath, displayPath, fsPath, NAME_ENCODING } from './lib/byte-path'
import type { FileMeta } from './protocol'

/** What a walk entry was, for entries that fail before a worker sees them. */
export type EntryKind = 'file' | 'symlink' | 'directory' | 'special'

/** One thing found by the walk. Directories come before their contents. */
export type WalkEntry =
  | {
      kind: 'directory'
      src: BytePath
      dst: BytePath
      name: string
      mode: number
      atimeMs: number
      mtimeMs: number
    }
  | {
      kind: 'file'
      src: BytePath
      dst: BytePath
      name: string
      size: number
      /** Set for a regular file without holes (a sparse one is copied the careful way). */
      meta?: FileMeta
      /** Identity (checked again on the opened descriptor) and link count (hard links inside the source). */
      dev: number
      ino: number
      nlink: number
    }
  | { kind: 'symlink'; src: BytePath; dst: BytePath; name: string; size: number }
  | { kind: 'error'; src: BytePath; dst: BytePath; name: string; what: EntryKind; error: FerryErrorData }

/** A source and where it goes (decided by pre-flight). */
export interface WalkRoot {
  source: BytePath
  target: BytePath
  /** The source as the user gave it, for display. */
  name: string
}

/** Entries described per turn of the event loop. */
const BATCH = 64

/**
 * Walks `roots` in order, yielding entries in batches (a batch per turn of the event loop: per-entry async
 * iteration would cost several promises per file). Stops early when `signal` aborts.
 */
export async function* walk(roots: WalkRoot[], signal: AbortSignal): AsyncGenerator<WalkEntry[]> {
  for (const root of roots) {
    if (signal.aborted) return
    const first = describe(root.source, root.target, root.name)
    yield [first]
    if (first.kind !== 'directory') continue
    const pending = [{ src: first.src, dst: first.dst, name: root.name }]
    while (pending.length > 0 && !signal.aborted) {
      const dir = pending.shift()!
      for await (const batch of readDirectory(dir.src, dir.dst, dir.name, signal)) {
        for (const entry of batch) {
          if (entry.kind === 'directory') pending.push({ src: entry.src, dst: entry.dst, name: entry.name })
        }
        yield batch
      }
    }
  }
}

async function* readDirectory(
  src: BytePath,
  dst: BytePath,
  name: string,
  signal: AbortSignal,
): AsyncGenerator<WalkEntry[]> {
  let dir: fs.Dir
  try {
    dir = fs.opendirSync(fsPath(src), { bufferSize: BATCH, encoding: NAME_ENCODING })
  } catch (error) {
    yield [folderError(src, dst, name, error)]
    return
  }
  try {
    for (;;) {
      // Sync calls in small batches: a promise per lstat costs several times the syscall, and one batch blocks
      // the thread for well under a millisecond. Yielding to the event loop between batches keeps timers and
      // worker messages flowing.
      const batch: WalkEntry[] = []
      let dirent: fs.Dirent | null = null
      while (batch.length < BATCH && (dirent = dir.readSync()) !== null) {
        const child = asBytePath(dirent.name)
        batch.push(describe(childPath(src, child), childPath(dst, child), `${name}/${displayPath(child)}`))
      }
      if (batch.length > 0) yield batch
      if (dirent === null || signal.aborted) return
      await new Promise((resolve) => setImmediate(resolve))
    }
  } catch (error) {
    yield [folderError(src, dst, name, error)]
  } finally {
    dir.closeSync()
  }
}

function folderError(src: BytePath, dst: BytePath, name: string, error: unknown): WalkEntry {
  const data = toFerryError(error, displayPath(src), 'reading the folder').toData()
  return { kind: 'error', src, dst, name, what: 'directory', error: data }
}

function describe(src: BytePath, dst: BytePath, name: string): WalkEntry {
  let st: fs.Stats
  try {
    st = fs.lstatSync(fsPath(src))
  } catch (error) {
    const data = toFerryError(error, displayPath(src), 'reading').toData()
    return { kind: 'error', src, dst, name, what: 'file', error: data }
  }
  if (st.isDirectory()) {
    return { kind: 'directory', src, dst, name, mode: st.mode, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs }
  }
  if (st.isFile()) {
    const { mode, atimeMs, mtimeMs, dev, ino, nlink } = st
    const meta = st.blocks * 512 < st.size ? undefined : { mode, atimeMs, mtimeMs }
    return { kind: 'file', src, dst, name, size: st.size, meta, dev, ino, nlink }
  }
  if (st.isSymbolicLink()) return { kind: 'symlink', src, dst, name, size: 0 }
  const what = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device'
  const message = `${displayPath(src)} is ${what}; Ferry copies files, folders and symbolic links only, so it was left out.`
  return {
    kind: 'error',
    src,
    dst,
    name,
    what: 'special',
    error: { code: 'UNSUPPORTED', message, path: displayPath(src) },
  }
}
