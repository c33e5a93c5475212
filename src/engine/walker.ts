/**
 * Streams the sources into copy entries, breadth-first, a directory at a time: memory holds the folders still to
 * visit and one directory's batch of entries, never the whole tree. The consumer pulls, so a slow copy slows the walk.
 * Names are read as bytes ({@link NAME_ENCODING}) so that no name is lost or rewritten.
 */
import fs from 'node:fs'
import type { FerryErrorData } from '../shared/job'
import { toFerryError } from './errors'
import type { PathFilter } from './filters'
import {
  asBytePath,
  baseName,
  type BytePath,
  childPath,
  displayPath,
  fsPath,
  NAME_ENCODING,
} from './lib/byte-path'
import { WALK } from './native/constants'
import { loadCore } from './native/load'
import { type NativeBinding, pathBytes, word } from './native/native-core'
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
  /** Left out by the job's filters (a folder: not walked). */
  | { kind: 'excluded'; src: BytePath; dst: BytePath; name: string; what: EntryKind }

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
 * iteration would cost several promises per file). Stops early when `signal` aborts. Entries `filter` leaves out
 * come as `excluded`, and an excluded folder is not read.
 */
export async function* walk(
  roots: WalkRoot[],
  signal: AbortSignal,
  filter?: PathFilter,
): AsyncGenerator<WalkEntry[]> {
  for (const root of roots) {
    if (signal.aborted) return
    const described = describe(root.source, root.target, root.name)
    // A source folder itself is never filtered; a source file is, by its name.
    const first =
      described.kind === 'directory' ? described : sift(described, displayPath(baseName(root.source)), filter)
    yield [first]
    if (first.kind !== 'directory') continue
    const pending = [{ src: first.src, dst: first.dst, name: root.name }]
    const prefix = root.name.length + 1
    while (pending.length > 0 && !signal.aborted) {
      const dir = pending.shift()!
      for await (const found of readDirectory(dir.src, dir.dst, dir.name, signal)) {
        const batch = filter ? found.map((entry) => sift(entry, entry.name.slice(prefix), filter)) : found
        for (const entry of batch) {
          if (entry.kind === 'directory') pending.push({ src: entry.src, dst: entry.dst, name: entry.name })
        }
        yield batch
      }
    }
  }
}

/** The entry, or `excluded` when the filter leaves it out (`rel`: its path relative to the source root). */
function sift(entry: WalkEntry, rel: string, filter: PathFilter | undefined): WalkEntry {
  if (!filter || entry.kind === 'excluded') return entry
  // An unreadable folder is the folder itself, already accepted; a failed lstat is judged by its name.
  if (entry.kind === 'error' && entry.what === 'directory') return entry
  const what: EntryKind = entry.kind === 'error' ? entry.what : entry.kind
  if (!filter.excludes(rel, what === 'directory' ? 'directory' : 'file')) return entry
  return { kind: 'excluded', src: entry.src, dst: entry.dst, name: entry.name, what }
}

/** The native core's folder reader when it is loaded (one call per folder: getdents + fstatat on its descriptor). */
const nativeCore: NativeBinding | undefined = (() => {
  try {
    const choice = loadCore()
    return choice.core === 'native' ? choice.binding : undefined
  } catch {
    return undefined // FERRY_CORE=native without a build: the engine's start reports it
  }
})()

async function* readDirectory(
  src: BytePath,
  dst: BytePath,
  name: string,
  signal: AbortSignal,
): AsyncGenerator<WalkEntry[]> {
  if (nativeCore) {
    yield* readDirectoryNative(nativeCore, src, dst, name, signal)
    return
  }
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

/**
 * The same entries through the native core: the whole folder in one call (no Stats objects, no Dates), handed out
 * in batches of {@link BATCH} with a turn of the event loop between them.
 */
async function* readDirectoryNative(
  core: NativeBinding,
  src: BytePath,
  dst: BytePath,
  name: string,
  signal: AbortSignal,
): AsyncGenerator<WalkEntry[]> {
  let raw: ReturnType<NativeBinding['readDir']>
  try {
    raw = core.readDir(pathBytes(src))
  } catch (error) {
    yield [folderError(src, dst, name, error)]
    return
  }
  const { names, fields } = raw
  const count = fields.length / WALK.WORDS
  for (let first = 0; first < count; first += BATCH) {
    const batch: WalkEntry[] = []
    for (let i = first; i < Math.min(count, first + BATCH); i++) {
      const at = i * WALK.WORDS
      const offset = Number(word(fields, at + WALK.NAME_OFF))
      const child = asBytePath(
        names.toString('latin1', offset, offset + Number(word(fields, at + WALK.NAME_LEN))),
      )
      const entrySrc = childPath(src, child)
      const entryDst = childPath(dst, child)
      const entryName = `${name}/${displayPath(child)}`
      const mode = Number(word(fields, at + WALK.MODE))
      const size = Number(word(fields, at + WALK.SIZE))
      const atimeMs = Number(word(fields, at + WALK.ATIME_NS)) / 1e6
      const mtimeMs = Number(word(fields, at + WALK.MTIME_NS)) / 1e6
      switch (Number(word(fields, at + WALK.KIND))) {
        case 2:
          batch.push({
            kind: 'directory',
            src: entrySrc,
            dst: entryDst,
            name: entryName,
            mode,
            atimeMs,
            mtimeMs,
          })
          break
        case 1: {
          const sparse = Number(word(fields, at + WALK.BLOCKS)) * 512 < size
          batch.push({
            kind: 'file',
            src: entrySrc,
            dst: entryDst,
            name: entryName,
            size,
            meta: sparse ? undefined : { mode, atimeMs, mtimeMs },
            dev: Number(word(fields, at + WALK.DEV)),
            ino: Number(word(fields, at + WALK.INO)),
            nlink: Number(word(fields, at + WALK.NLINK)),
          })
          break
        }
        case 3:
          batch.push({ kind: 'symlink', src: entrySrc, dst: entryDst, name: entryName, size: 0 })
          break
        default:
          batch.push(special(entrySrc, entryDst, entryName, mode))
      }
    }
    yield batch
    if (signal.aborted) return
    if (first + BATCH < count) await new Promise((resolve) => setImmediate(resolve))
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
  return special(src, dst, name, st.mode)
}

const S_IFMT = 0o170000
const S_IFIFO = 0o010000
const S_IFSOCK = 0o140000

/** A named pipe, socket or device: not copied, and said so (it is never retried: it can never succeed). */
function special(src: BytePath, dst: BytePath, name: string, mode: number): WalkEntry {
  const type = mode & S_IFMT
  const what = type === S_IFIFO ? 'a named pipe' : type === S_IFSOCK ? 'a socket' : 'a device'
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
