/**
 * Pre-flight: decides where each source goes (`cp -r` rules) and refuses, before any byte moves, what cannot work.
 */
import fs from 'node:fs'
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path'
import { formatBytes } from '../shared/format-bytes'
import type { FerryErrorData, JobOptions } from '../shared/job'
import type { PreflightResult } from './api'
import { FerryError, toFerryError } from './errors'

type Root = PreflightResult['roots'][number]

/** Pre-flight result plus what the job needs to watch free space. */
export interface Plan extends PreflightResult {
  /** Free bytes on the destination's filesystem, when known. */
  freeBytes: number | undefined
}

/** Checks `options` and plans the roots. Rejects with a {@link FerryError}; writes nothing. */
export async function plan(options: JobOptions): Promise<Plan> {
  const { sources, destination } = options
  if (sources.length === 0) throw new FerryError('INVALID_INPUT', 'Nothing to copy: add at least one source.')
  for (const path of [...sources, destination]) {
    if (typeof path !== 'string' || path.length === 0 || !isAbsolute(path) || path.includes('\0')) {
      throw new FerryError(
        'INVALID_INPUT',
        `"${String(path)}" is not an absolute path; give full paths.`,
        String(path),
      )
    }
  }
  const kinds = await Promise.all(sources.map(sourceKind))
  const dest = await destinationKind(destination)

  let roots: Root[]
  if (dest === 'directory') {
    roots = sources.map((source, i) => ({
      source,
      target: join(destination, basename(source)),
      kind: kinds[i]!,
    }))
  } else if (dest === 'file') {
    if (sources.length > 1 || kinds[0] === 'directory') {
      throw new FerryError(
        'NOT_A_DIRECTORY',
        `${destination} is a file, so it cannot receive ${sources.length > 1 ? 'several sources' : `the folder ${sources[0]}`}; choose a folder as the destination.`,
        destination,
      )
    }
    roots = [{ source: sources[0]!, target: destination, kind: kinds[0]! }]
  } else if (sources.length === 1) {
    roots = [{ source: sources[0]!, target: destination, kind: kinds[0]! }]
  } else {
    // Several sources and a missing destination: cp refuses; Ferry creates the folder, as a user would expect.
    roots = sources.map((source, i) => ({
      source,
      target: join(destination, basename(source)),
      kind: kinds[i]!,
    }))
  }

  await checkRoots(roots)
  const freeBytes = await freeSpace(destination)
  const warnings: FerryErrorData[] = []
  const knownBytes = await plainFileBytes(roots)
  if (freeBytes !== undefined && knownBytes > freeBytes)
    warnings.push(spaceWarning(destination, knownBytes, freeBytes))
  return { roots, warnings, freeBytes }
}

/** The warning given when the sources are larger than the destination's free space. */
export function spaceWarning(destination: string, needed: number, free: number): FerryErrorData {
  return {
    code: 'DISK_FULL',
    path: destination,
    message: `The sources (${formatBytes(needed)} so far) are larger than the free space at ${destination} (${formatBytes(free)}); some files will fail with DISK_FULL unless space is freed.`,
  }
}

async function sourceKind(source: string): Promise<Root['kind']> {
  try {
    const st = await fs.promises.lstat(source)
    return st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'file'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FerryError('SOURCE_MISSING', `Source ${source} does not exist; check the path.`, source)
    }
    throw toFerryError(error, source, 'reading the source')
  }
}

/** `directory`, `file`, or `missing`; refuses a destination below an existing file. */
async function destinationKind(destination: string): Promise<'directory' | 'file' | 'missing'> {
  const st = await fs.promises.stat(destination).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
    throw toFerryError(error, destination, 'checking the destination')
  })
  if (st) return st.isDirectory() ? 'directory' : 'file'
  const blocker = await existingAncestor(destination)
  if (blocker && !blocker.isDirectory) {
    throw new FerryError(
      'DEST_UNDER_FILE',
      `Destination ${destination} is below ${blocker.path}, which is a file, not a folder; choose another destination.`,
      blocker.path,
    )
  }
  return 'missing'
}

/** The nearest existing ancestor of `path` (following symlinks), or undefined at the root. */
async function existingAncestor(path: string): Promise<{ path: string; isDirectory: boolean } | undefined> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const st = await fs.promises.stat(dir).catch(() => undefined)
    if (st) return { path: dir, isDirectory: st.isDirectory() }
    if (dir === parse(dir).root) return undefined
  }
}

/** Refuses a folder copied into itself, a file copied onto itself, and two sources landing on one target. */
async function checkRoots(roots: Root[]): Promise<void> {
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
    if (root.kind === 'symlink') continue
    const source = await fs.promises.realpath(root.source)
    const target = await realTarget(root.target)
    const rel = relative(source, target)
    const inside = rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
    if (inside) {
      const what = root.kind === 'directory' ? 'a folder into itself' : 'a file onto itself'
      throw new FerryError(
        'COPY_INTO_ITSELF',
        `Cannot copy ${what}: ${root.source} → ${root.target}; choose a destination outside the source.`,
        root.source,
      )
    }
  }
}

/** `path` with its existing part resolved through symlinks (the rest may not exist yet). */
async function realTarget(path: string): Promise<string> {
  const rest: string[] = []
  for (let dir = path; ; dir = dirname(dir)) {
    const real = await fs.promises.realpath(dir).catch(() => undefined)
    if (real !== undefined) return rest.length ? resolve(real, ...rest.reverse()) : real
    if (dir === parse(dir).root) return path
    rest.push(basename(dir))
  }
}

async function freeSpace(destination: string): Promise<number | undefined> {
  for (let dir = destination; ; dir = dirname(dir)) {
    const st = await fs.promises.statfs(dir).catch(() => undefined)
    if (st) return st.bavail * st.bsize
    if (dir === parse(dir).root || !dir.includes(sep)) return undefined
  }
}

async function plainFileBytes(roots: Root[]): Promise<number> {
  const sizes = await Promise.all(
    roots.map((r) => (r.kind === 'file' ? fs.promises.stat(r.source).then((s) => s.size) : 0)),
  )
  return sizes.reduce((a, b) => a + b, 0)
}
