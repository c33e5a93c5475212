/**
 * Typed face of the native binding (native/src/binding*.c): what each function takes and returns, and wrappers
 * that turn its compact typed arrays into values — directory entries, identities, Node-shaped errno errors.
 * Paths are bytes: a `Uint8Array`, or a string whose char codes are the bytes (the engine's BytePath, `latin1`).
 */
import { KINDS, type EntryKind, STAT, WALK } from './constants'

/** A path as bytes, or a BytePath string (char codes are bytes). */
export type NativePath = Uint8Array | string

/** Shared memory and settings of one `copyBatch` call. */
export interface NativeBatchOptions {
  /** The job's control word (`Int32Array` over a SharedArrayBuffer): 0 run, 1 pause, 2 cancel, 3 terminate. */
  control?: Int32Array
  /**
   * The task's progress slot: 4 BigInt64 words (file id + 1, file bytes, done accounted, done copied), and a fifth,
   * the skip word (a file id + 1 the user asked to skip), read when present.
   */
  progress?: BigInt64Array
  /** The job's bandwidth limit: 2 BigInt64 words (bytes per second, 0 none; the bucket's time), see protocol.ts. */
  throttle?: BigInt64Array
  /** One status byte per item (ITEM_* of src/engine/protocol.ts), written as each item ends. */
  statuses?: Uint8Array
  /** Bytes between progress updates and control checks in a large file (default 1 MiB, at least 4 KiB). */
  chunkSize?: number
  /** The process umask (default: read from /proc/self/status). */
  umask?: number
  /** `Sync.*`: fdatasync / fsync each file before its rename (default none). */
  sync?: number
  /** `JobOption.*` bits (default OWNER | XATTRS). */
  options?: number
}

/** What `readDir` returns: names back to back in one Buffer, `WALK.WORDS` BigInt64 fields per entry. */
export interface RawDir {
  names: Buffer
  fields: BigInt64Array
  /** Entries that vanished between readdir and fstatat. */
  skipped: number
}

/** The loaded `.node` module. */
export interface NativeBinding {
  copyBatch(paths: Uint8Array, items: BigInt64Array, options?: NativeBatchOptions): Float64Array
  readDir(path: Uint8Array | string): RawDir
  /** `follow` false (default) is lstat; a number is an fd (fstat). */
  stat(target: Uint8Array | string | number, follow?: boolean): BigInt64Array
  renameNoReplace(from: Uint8Array | string, to: Uint8Array | string): void
  /**
   * Renames (rename(2), replacing) 3 Int32 `offsets` per item — folder, from, to: NUL-terminated names in `paths` —
   * each relative to its folder, opened once per run of one folder; returns each item's errno (0: renamed). Absent
   * from builds before it.
   */
  renameBatch?(paths: Uint8Array, offsets: Int32Array): Int32Array
  syncfs(target: Uint8Array | string | number): void
  fsync(target: Uint8Array | string | number): void
  fdatasync(target: Uint8Array | string | number): void
  fadviseDontNeed(target: Uint8Array | string | number): void
  errnoName(errno: number): string | undefined
  resetMemo(): void
  notifyControl(control: Int32Array): void
  /** CLOCK_MONOTONIC in ns: the clock of the bandwidth limit's shared words (throttle.ts). */
  monotonicNs(): bigint
}

/** Functions a binding must export to be used (an older build lacking one is not loaded). */
export const BINDING_FUNCTIONS: ReadonlyArray<keyof NativeBinding> = [
  'copyBatch',
  'readDir',
  'stat',
  'renameNoReplace',
  'syncfs',
  'fsync',
  'fdatasync',
  'fadviseDontNeed',
  'errnoName',
  'resetMemo',
  'notifyControl',
  'monotonicNs',
]

/** Word `i` of a BigInt64Array from the binding (always in range; the index type says otherwise). */
export function word(array: BigInt64Array, i: number): bigint {
  return array[i] ?? 0n
}

/** The exact bytes of a path for the binding. */
export function pathBytes(path: NativePath): Uint8Array {
  return typeof path === 'string' ? Buffer.from(path, 'latin1') : path
}

/** A file's identity and times, exact: dev and ino can exceed 2^53, ns times always do. */
export interface NativeStat {
  dev: bigint
  ino: bigint
  mode: number
  nlink: number
  uid: number
  gid: number
  size: number
  blocks: number
  atimeNs: bigint
  mtimeNs: bigint
  ctimeNs: bigint
}

/** lstat (or stat with `follow`) of a path, or fstat of an fd. Throws Node-shaped errno errors. */
export function statOf(binding: NativeBinding, target: NativePath | number, follow = false): NativeStat {
  const w = binding.stat(typeof target === 'number' ? target : pathBytes(target), follow)
  return {
    dev: BigInt.asUintN(64, word(w, STAT.DEV)),
    ino: BigInt.asUintN(64, word(w, STAT.INO)),
    mode: Number(word(w, STAT.MODE)),
    nlink: Number(word(w, STAT.NLINK)),
    uid: Number(word(w, STAT.UID)),
    gid: Number(word(w, STAT.GID)),
    size: Number(word(w, STAT.SIZE)),
    blocks: Number(word(w, STAT.BLOCKS)),
    atimeNs: word(w, STAT.ATIME_NS),
    mtimeNs: word(w, STAT.MTIME_NS),
    ctimeNs: word(w, STAT.CTIME_NS),
  }
}

/** One entry of a folder as the native walker saw it (lstat: a link is described, not followed). */
export interface NativeEntry {
  /** The name's exact bytes. */
  name: Buffer
  kind: EntryKind
  mode: number
  size: number
  dev: bigint
  ino: bigint
  nlink: number
  blocks: number
  atimeNs: bigint
  mtimeNs: bigint
}

/**
 * Reads one folder. Callers that walk many folders should read `RawDir` fields directly (one object per entry
 * is what the native walker exists to avoid); this is the convenient form.
 */
export function readEntries(binding: NativeBinding, dir: NativePath): NativeEntry[] {
  const { names, fields } = binding.readDir(pathBytes(dir))
  const entries: NativeEntry[] = []
  for (let at = 0; at < fields.length; at += WALK.WORDS) {
    const offset = Number(word(fields, at + WALK.NAME_OFF))
    entries.push({
      name: names.subarray(offset, offset + Number(word(fields, at + WALK.NAME_LEN))),
      kind: KINDS[Number(word(fields, at + WALK.KIND))] ?? 'unknown',
      mode: Number(word(fields, at + WALK.MODE)),
      size: Number(word(fields, at + WALK.SIZE)),
      dev: BigInt.asUintN(64, word(fields, at + WALK.DEV)),
      ino: BigInt.asUintN(64, word(fields, at + WALK.INO)),
      nlink: Number(word(fields, at + WALK.NLINK)),
      blocks: Number(word(fields, at + WALK.BLOCKS)),
      atimeNs: word(fields, at + WALK.ATIME_NS),
      mtimeNs: word(fields, at + WALK.MTIME_NS),
    })
  }
  return entries
}

/** Node's errno name ("ENOSPC") for a number (positive or negative), or `E<n>` when unknown. */
export function errnoName(binding: NativeBinding, errno: number): string {
  return binding.errnoName(errno) ?? `E${Math.abs(errno)}`
}
