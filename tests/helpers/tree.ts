import { createHash } from 'node:crypto'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

/** A symlink in a {@link TreeSpec}: its target is written verbatim (it may dangle). */
export class LinkSpec {
  constructor(readonly target: string) {}
}

/** A file in a {@link TreeSpec} with an explicit mode and/or modification time. */
export class FileSpec {
  constructor(
    readonly content: string | Buffer,
    readonly mode?: number,
    readonly mtimeMs?: number,
  ) {}
}

/** A tree to build: strings and buffers are files, nested objects are folders (`{}` is an empty folder). */
export interface TreeSpec {
  [name: string]: string | Buffer | FileSpec | LinkSpec | TreeSpec
}

/** Shorthand for a symlink entry. */
export const link = (target: string): LinkSpec => new LinkSpec(target)

/** Shorthand for a file with a mode and/or mtime (milliseconds since the epoch, fractions kept). */
export const file = (content: string | Buffer, options: { mode?: number; mtimeMs?: number } = {}): FileSpec =>
  new FileSpec(content, options.mode, options.mtimeMs)

/**
 * Writes `spec` under `root` (created if missing). Modes are set with chmod, so the umask does not apply. Synchronous
 * calls inside: building 10,000 small files is several times faster than with a thread-pool round trip per call.
 */
export async function writeTree(root: string, spec: TreeSpec): Promise<void> {
  mkdirSync(root, { recursive: true })
  for (const [name, entry] of Object.entries(spec)) {
    const path = join(root, name)
    if (entry instanceof LinkSpec) {
      symlinkSync(entry.target, path)
    } else if (entry instanceof FileSpec) {
      writeFileSync(path, entry.content)
      if (entry.mode !== undefined) chmodSync(path, entry.mode)
      if (entry.mtimeMs !== undefined) utimesSync(path, entry.mtimeMs / 1000, entry.mtimeMs / 1000)
    } else if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
      writeFileSync(path, entry)
    } else {
      await writeTree(path, entry)
    }
  }
}

/** What a tree holds at one relative path. */
export type TreeEntry =
  | { kind: 'file'; size: number; mode: number; mtimeMs: number; sha256: string; allocatedBytes: number }
  | { kind: 'dir'; mode: number }
  | { kind: 'symlink'; target: string }
  | { kind: 'other'; mode: number }

/** Relative path (with `/`) → entry, for every entry under a root (the root itself excluded). */
export type Tree = Map<string, TreeEntry>

/** SHA-256 of a file's content, read in 1 MiB chunks. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(1 << 20)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

/**
 * Reads every entry under `root` without following symlinks, hashing file contents. Small files are read with
 * synchronous calls: for 10,000 files that is several times faster than a thread-pool round trip per call.
 */
export async function snapshotTree(root: string): Promise<Tree> {
  const tree: Tree = new Map()
  const pending: string[] = ['']
  while (pending.length > 0) {
    const rel = pending.pop() as string
    for (const name of readdirSync(rel === '' ? root : join(root, rel))) {
      const child = rel === '' ? name : `${rel}/${name}`
      const entry = await readEntry(join(root, child))
      tree.set(child, entry)
      if (entry.kind === 'dir') pending.push(child)
    }
  }
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

const SMALL_FILE = 1 << 20

async function readEntry(path: string): Promise<TreeEntry> {
  const stats = lstatSync(path)
  const mode = stats.mode & 0o7777
  if (stats.isSymbolicLink()) return { kind: 'symlink', target: readlinkSync(path) }
  if (stats.isDirectory()) return { kind: 'dir', mode }
  if (!stats.isFile()) return { kind: 'other', mode }
  const sha256 =
    stats.size <= SMALL_FILE
      ? createHash('sha256').update(readFileSync(path)).digest('hex')
      : await hashFile(path)
  return {
    kind: 'file',
    size: stats.size,
    mode,
    mtimeMs: stats.mtimeMs,
    sha256,
    allocatedBytes: stats.blocks * 512,
  }
}

/** What {@link diffTrees} compares besides names, kinds, sizes, contents and symlink targets. */
export interface DiffOptions {
  /** Compare file modes (permission bits). Default true. */
  modes?: boolean
  /** Compare file modification times to the millisecond. Default true. */
  mtimes?: boolean
}

/**
 * Human-readable differences between two snapshots (empty when they match): missing or extra paths, kind, size,
 * content hash, file mode, file mtime (to the millisecond) and symlink target. Folder modes and times are not compared.
 */
export function diffTrees(expected: Tree, actual: Tree, options: DiffOptions = {}): string[] {
  const { modes = true, mtimes = true } = options
  const out: string[] = []
  for (const [path, want] of expected) {
    const got = actual.get(path)
    const shown = JSON.stringify(path)
    if (!got) {
      out.push(`missing ${want.kind} ${shown}`)
      continue
    }
    if (got.kind !== want.kind) {
      out.push(`${shown}: expected a ${want.kind}, found a ${got.kind}`)
      continue
    }
    if (want.kind === 'symlink' && got.kind === 'symlink' && want.target !== got.target) {
      out.push(
        `${shown}: symlink target ${JSON.stringify(got.target)}, expected ${JSON.stringify(want.target)}`,
      )
    }
    if (want.kind === 'file' && got.kind === 'file') {
      if (want.size !== got.size) out.push(`${shown}: size ${got.size}, expected ${want.size}`)
      else if (want.sha256 !== got.sha256) out.push(`${shown}: content differs`)
      if (modes && want.mode !== got.mode) {
        out.push(`${shown}: mode ${got.mode.toString(8)}, expected ${want.mode.toString(8)}`)
      }
      // Within 1 ms rather than equal truncations: a copier that keeps microseconds must not fail on rounding.
      if (mtimes && Math.abs(want.mtimeMs - got.mtimeMs) >= 1) {
        out.push(`${shown}: mtime ${got.mtimeMs}, expected ${want.mtimeMs}`)
      }
    }
  }
  for (const [path, got] of actual) {
    if (!expected.has(path)) out.push(`unexpected ${got.kind} ${JSON.stringify(path)}`)
  }
  return out
}

/** Differences between the trees under two roots (see {@link diffTrees}). */
export async function diffDirs(
  expectedRoot: string,
  actualRoot: string,
  options?: DiffOptions,
): Promise<string[]> {
  const [expected, actual] = await Promise.all([snapshotTree(expectedRoot), snapshotTree(actualRoot)])
  return diffTrees(expected, actual, options)
}

/** Counts of a snapshot, as a copy summary should report them (symlinks count as files). */
export function treeTotals(tree: Tree): { files: number; bytes: number; symlinks: number; dirs: number } {
  let files = 0
  let bytes = 0
  let symlinks = 0
  let dirs = 0
  for (const entry of tree.values()) {
    if (entry.kind === 'file') {
      files += 1
      bytes += entry.size
    } else if (entry.kind === 'symlink') symlinks += 1
    else if (entry.kind === 'dir') dirs += 1
  }
  return { files, bytes, symlinks, dirs }
}

/** Names under `root` that look like a copier's temporary files (Ferry's `.ferry-partial-…` or common patterns). */
export function partialLookingNames(tree: Tree): string[] {
  return [...tree.keys()].filter((path) => /ferry-partial|\.part$|\.tmp$|~$/i.test(path))
}
