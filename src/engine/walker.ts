/**
 * Streams the sources into copy entries, breadth-first, a directory at a time: memory holds the folders still to
 * visit and one directory's batch of entries, never the whole tree. The consumer pulls, so a slow copy slows the walk.
 */
import fs from 'node:fs'
import { resolve, sep } from 'node:path'
import type { FerryErrorData } from '../shared/job'
import { toFerryError } from './errors'
import type { FileMeta } from './protocol'

/** One thing found by the walk. Directories come before their contents. */
export type WalkEntry =
  | {
      kind: 'directory'
      src: string
      dst: string
      name: string
      mode: number
      atimeMs: number
      mtimeMs: number
    }
  | { kind: 'file'; src: string; dst: string; name: string; size: number; meta?: FileMeta }
  | { kind: 'symlink'; src: string; dst: string; name: string; size: number }
  | { kind: 'error'; src: string; dst: string; name: string; error: FerryErrorData }

/** A source and where it goes (decided by pre-flight). */
export interface WalkRoot {
  source: string
  target: string
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
    const name = root.source.split(/[\\/]/).filter(Boolean).pop() ?? root.source
    const first = describe(resolve(root.source), resolve(root.target), name)
    yield [first]
    if (first.kind !== 'directory') continue
    const pending = [{ src: first.src, dst: first.dst, name }]
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
  src: string,
  dst: string,
  name: string,
  signal: AbortSignal,
): AsyncGenerator<WalkEntry[]> {
  let dir: fs.Dir
  try {
    dir = fs.opendirSync(src, { bufferSize: BATCH })
  } catch (error) {
    yield [{ kind: 'error', src, dst, name, error: toFerryError(error, src, 'reading the folder').toData() }]
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
        // Concatenation, not join(): the parent is already normal and a name holds no separator (join() normalises
        // the whole path again, per file).
        batch.push(describe(child(src, dirent.name), child(dst, dirent.name), `${name}/${dirent.name}`))
      }
      if (batch.length > 0) yield batch
      if (dirent === null || signal.aborted) return
      await new Promise((resolve) => setImmediate(resolve))
    }
  } catch (error) {
    yield [{ kind: 'error', src, dst, name, error: toFerryError(error, src, 'reading the folder').toData() }]
  } finally {
    dir.closeSync()
  }
}

/** `parent` + separator + `name`; a root such as `/` already ends with the separator. */
function child(parent: string, name: string): string {
  return parent.endsWith(sep) ? parent + name : parent + sep + name
}

function describe(src: string, dst: string, name: string): WalkEntry {
  let st: fs.Stats
  try {
    st = fs.lstatSync(src)
  } catch (error) {
    return { kind: 'error', src, dst, name, error: toFerryError(error, src, 'reading').toData() }
  }
  if (st.isDirectory()) {
    return { kind: 'directory', src, dst, name, mode: st.mode, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs }
  }
  if (st.isFile()) {
    // A sparse file is copied the careful way (its holes need the fstat'ed block count).
    const meta =
      st.blocks * 512 < st.size ? undefined : { mode: st.mode, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs }
    return { kind: 'file', src, dst, name, size: st.size, meta }
  }
  if (st.isSymbolicLink()) return { kind: 'symlink', src, dst, name, size: 0 }
  const what = st.isFIFO() ? 'a named pipe' : st.isSocket() ? 'a socket' : 'a device'
  const message = `${src} is ${what}; Ferry copies files, folders and symbolic links only, so it was left out.`
  return { kind: 'error', src, dst, name, error: { code: 'UNSUPPORTED', message, path: src } }
}
