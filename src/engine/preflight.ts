/**
 * Pre-flight: decides where each source goes (`cp -r` rules, or "into the destination" for the app) and refuses,
 * before any byte moves, what cannot work. Identity decides, never strings: a folder copied into itself (through
 * a symlinked path or a bind mount too) and a file copied onto itself (a link onto the file it points to, a hard
 * link) are found by comparing (dev, ino) of the source with the existing target and every real ancestor of the
 * destination.
 *
 * Cheap for many sources: one `lstat` per source and one per target, run as synchronous calls in slices between
 * turns of the event loop (a promise per call costs several times the call); the destination's ancestors are
 * walked once per distinct target folder (usually one), and no `realpath` is needed.
 */
import fs from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import { formatBytes } from '../shared/format-bytes'
import { type FerryErrorData, JOB_LIMITS, type JobOptions } from '../shared/job'
import type { PreflightResult } from './api'
import { FerryError, toFerryError } from './errors'
import { baseName, type BytePath, bytePath, fsPath, NAME_ENCODING, parentPath } from './lib/byte-path'

type Root = PreflightResult['roots'][number]

/** Pre-flight result plus what the job needs to watch free space. */
export interface Plan extends PreflightResult {
  /** Free bytes on the destination's filesystem, when known. */
  freeBytes: number | undefined
}

/** Synchronous stat calls per turn of the event loop (well under a millisecond of blocking). */
const SLICE = 512

/** Checks `options` and plans the roots. Rejects with a {@link FerryError}; writes nothing. */
export async function plan(options: JobOptions): Promise<Plan> {
  const { sources, destination } = options
  if (sources.length === 0) throw new FerryError('INVALID_INPUT', 'Nothing to copy: add at least one source.')
  if (sources.length > JOB_LIMITS.maxSources) {
    throw new FerryError(
      'INVALID_INPUT',
      `${sources.length} sources are more than one job takes (${JOB_LIMITS.maxSources}); copy their folder instead.`,
    )
  }
  for (const path of [...sources, destination]) {
    if (typeof path !== 'string' || path.length === 0 || !isAbsolute(path) || path.includes('\0')) {
      throw new FerryError(
        'INVALID_INPUT',
        `"${String(path)}" is not an absolute path; give full paths.`,
        String(path),
      )
    }
  }
  const listed = listSourceFolders(sources)
  const found = await inSlices(sources, (source) => describeSource(source, listed))
  const kinds = found.map((f) => f.kind)
  const dest = destinationKind(destination)
  const into = dest === 'directory' || (options.intoDestination === true && dest === 'missing')

  let roots: Root[]
  if (dest === 'file' && (options.intoDestination || sources.length > 1 || kinds[0] === 'directory')) {
    const what =
      sources.length > 1
        ? 'several sources'
        : `the ${kinds[0] === 'directory' ? 'folder' : 'file'} ${sources[0]}`
    throw new FerryError(
      'NOT_A_DIRECTORY',
      `${destination} is a file, so it cannot receive ${what}; choose a folder as the destination.`,
      destination,
    )
  }
  if (into || sources.length > 1) {
    // Several sources and a missing destination: cp refuses; Ferry creates the folder, as a user would expect.
    roots = sources.map((source, i) => ({
      source,
      target: join(destination, basename(source)),
      kind: kinds[i]!,
    }))
  } else {
    roots = [{ source: sources[0]!, target: destination, kind: kinds[0]! }]
  }

  await checkRoots(roots, found)
  const freeBytes = freeSpace(bytePath(destination))
  const warnings: FerryErrorData[] = []
  // Sizes known without an extra call (sources found by listing their folder are counted by the walk as it goes).
  const knownBytes = found.reduce((sum, f) => (f.st?.isFile() ? sum + f.st.size : sum), 0)
  if (freeBytes !== undefined && knownBytes > freeBytes)
    warnings.push(spaceWarning(destination, knownBytes, freeBytes))
  return { roots, warnings, freeBytes }
}

/**
 * The warning given when the sources are larger than the destination's free space. `soFar`: the walk is still
 * counting (the sources are at least this large); false when the size is the whole of it.
 */
export function spaceWarning(
  destination: string,
  needed: number,
  free: number,
  soFar = false,
): FerryErrorData {
  return {
    code: 'DISK_FULL',
    path: destination,
    message: `The sources (${formatBytes(needed)}${soFar ? ' so far' : ''}) are larger than the free space at ${destination} (${formatBytes(free)}); some files will fail with DISK_FULL unless space is freed.`,
  }
}

/** Maps `items` with a synchronous `fn`, {@link SLICE} at a time, yielding to the event loop between slices. */
async function inSlices<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  for (let at = 0; at < items.length; at += SLICE) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve))
    const end = Math.min(at + SLICE, items.length)
    for (let i = at; i < end; i++) out[i] = fn(items[i]!, i)
  }
  return out
}

/** A source as pre-flight found it; `st` is its lstat when one was needed (folders always: their identity). */
interface FoundSource {
  kind: Root['kind']
  st?: fs.Stats
}

/** Folders holding at least this many sources are listed once (`readdir` with types) instead of an lstat each. */
const LIST_FOLDER_FROM = 32

/** The folders to list: parents of many sources, for sources spelled plainly (no `.`, `..`, `//`, trailing `/`). */
function listSourceFolders(sources: readonly string[]): Map<string, Map<string, fs.Dirent> | undefined> {
  const counts = new Map<string, number>()
  for (const source of sources) {
    if (!isPlain(source)) continue
    const parent = source.slice(0, Math.max(1, source.lastIndexOf('/')))
    counts.set(parent, (counts.get(parent) ?? 0) + 1)
  }
  const listed = new Map<string, Map<string, fs.Dirent> | undefined>()
  for (const [parent, count] of counts) {
    if (count < LIST_FOLDER_FROM) continue
    try {
      const entries = fs.readdirSync(fsPath(bytePath(parent)), {
        withFileTypes: true,
        encoding: NAME_ENCODING,
      })
      listed.set(parent, new Map(entries.map((entry) => [entry.name, entry])))
    } catch {
      listed.set(parent, undefined) // lstat each, which says why
    }
  }
  return listed
}

function isPlain(path: string): boolean {
  return process.platform !== 'win32' && path.length > 1 && !/\/\/|\/\.\.?(\/|$)|\/$/.test(path)
}

function describeSource(
  source: string,
  listed: Map<string, Map<string, fs.Dirent> | undefined>,
): FoundSource {
  const at = source.lastIndexOf('/')
  const names = isPlain(source) ? listed.get(source.slice(0, Math.max(1, at))) : undefined
  if (names) {
    const entry = names.get(bytePath(source.slice(at + 1)))
    if (!entry) throw missingSource(source)
    if (entry.isFile()) return { kind: 'file' }
    if (entry.isSymbolicLink()) return { kind: 'symlink' }
  }
  const st = sourceStat(source)
  return { kind: kindOf(st), st }
}

function missingSource(source: string): FerryError {
  return new FerryError('SOURCE_MISSING', `Source ${source} does not exist; check the path.`, source)
}

function sourceStat(source: string): fs.Stats {
  try {
    return fs.lstatSync(fsPath(bytePath(source)))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw missingSource(source)
    throw toFerryError(error, source, 'reading the source', 'source')
  }
}

function kindOf(st: fs.Stats): Root['kind'] {
  return st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'file'
}

/** `directory`, `file`, or `missing` (following links: the destination the user named may be one). */
function destinationKind(destination: string): 'directory' | 'file' | 'missing' {
  const st = statOrUndefined(bytePath(destination), destination)
  if (st) return st.isDirectory() ? 'directory' : 'file'
  for (let dir = parentPath(bytePath(destination)); ; dir = parentPath(dir)) {
    const above = statOrUndefined(dir, destination)
    if (above && !above.isDirectory()) {
      throw new FerryError(
        'DEST_UNDER_FILE',
        `Destination ${destination} is below ${dir}, which is a file, not a folder; choose another destination.`,
        dir,
      )
    }
    if (above || parentPath(dir) === dir) return 'missing'
  }
}

function statOrUndefined(path: BytePath, destination: string): fs.Stats | undefined {
  try {
    return fs.statSync(fsPath(path), { throwIfNoEntry: false })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'ELOOP') return undefined
    throw toFerryError(error, destination, 'checking the destination')
  }
}

const identity = (st: fs.Stats): string => `${st.dev}:${st.ino}`

/** Refuses a folder copied into itself, a file copied onto itself, and two sources landing on one target. */
async function checkRoots(roots: Root[], found: FoundSource[]): Promise<void> {
  const targets = new Map<string, string>()
  for (const root of roots) {
    const previous = targets.get(root.target)
    if (previous !== undefined) {
      throw new FerryError(
        'INVALID_INPUT',
        `${previous} and ${root.source} would both be copied to ${root.target}; copy them in separate jobs or rename one.`,
        root.source,
      )
    }
    targets.set(root.target, root.source)
  }
  const ancestorsOf = new Map<string, Set<string>>()
  const listings = new Map<string, Set<string> | undefined>()
  await inSlices(roots, (root, i) => {
    const target = bytePath(root.target)
    const existing = mayExist(target, listings)
      ? fs.lstatSync(fsPath(target), { throwIfNoEntry: false })
      : undefined
    const source = found[i]!
    if (root.kind === 'directory') {
      const parent = parentPath(target)
      let ancestors = ancestorsOf.get(parent)
      if (!ancestors) ancestorsOf.set(parent, (ancestors = realAncestors(parent)))
      const key = identity(source.st ?? sourceStat(root.source))
      if (ancestors.has(key) || (existing && identity(existing) === key)) {
        throw new FerryError(
          'COPY_INTO_ITSELF',
          `Cannot copy a folder into itself: ${root.source} → ${root.target} (the destination is inside the source, seen through a link or a mount); choose a destination outside the source.`,
          root.source,
        )
      }
      return
    }
    if (!existing) return
    // A link is compared by what it points to, as cp does: replacing that file with the link would destroy it.
    const followed =
      root.kind === 'symlink'
        ? fs.statSync(fsPath(bytePath(root.source)), { throwIfNoEntry: false })
        : (source.st ?? sourceStat(root.source))
    if (followed && identity(followed) === identity(existing)) {
      throw new FerryError(
        'SAME_FILE',
        `Cannot copy a file onto itself: ${root.source} and ${root.target} are the same file; choose another destination.`,
        root.source,
      )
    }
  })
}

/**
 * False when `path` surely does not exist: its folder's names, listed once per folder (one `readdir` instead of an
 * `lstat` per target), lack its name. True when it may (then it is lstat-ed).
 */
function mayExist(path: BytePath, listings: Map<string, Set<string> | undefined>): boolean {
  const parent = parentPath(path)
  if (!listings.has(parent)) {
    let names: Set<string> | undefined
    try {
      names = new Set(fs.readdirSync(fsPath(parent), { encoding: NAME_ENCODING }))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // A missing folder holds nothing; an unreadable one: lstat decides.
      names = code === 'ENOENT' || code === 'ENOTDIR' ? new Set() : undefined
    }
    listings.set(parent, names)
  }
  const names = listings.get(parent)
  return names === undefined || names.has(baseName(path))
}

/**
 * Identities of `dir`'s nearest existing folder and of every folder above it as the kernel sees them (through
 * `..`, so a symlinked path or a bind mount leads to the real parents, not the spelled ones).
 */
function realAncestors(dir: BytePath): Set<string> {
  const keys = new Set<string>()
  let path = dir
  let st: fs.Stats | undefined
  for (;;) {
    st = quietStat(path)
    if (st || parentPath(path) === path) break
    path = parentPath(path)
  }
  while (st && !keys.has(identity(st))) {
    keys.add(identity(st))
    path = `${path}/..` as BytePath
    // Too deep to spell (ENAMETOOLONG) or unreadable: the folders seen so far are what can be checked.
    st = quietStat(path)
  }
  return keys
}

function quietStat(path: BytePath): fs.Stats | undefined {
  try {
    return fs.statSync(fsPath(path), { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

/** Free bytes on the filesystem of `destination` (or its nearest existing folder), when known. */
export function freeSpace(destination: BytePath): number | undefined {
  for (let dir = destination; ; dir = parentPath(dir)) {
    try {
      const st = fs.statfsSync(fsPath(dir))
      return st.bavail * st.bsize
    } catch {
      if (parentPath(dir) === dir) return undefined
    }
  }
}
