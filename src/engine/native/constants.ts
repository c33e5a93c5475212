/**
 * The native core's numbers, mirrored from native/src/ferry_core.h (tests/native/binding.test.ts checks they
 * agree with what the C side does). Word layouts of the typed arrays that cross the binding are here too.
 */

/** `items` words per item (BigInt64Array) passed to `copyBatch`. */
export const ITEM = {
  ID: 0,
  FLAGS: 1,
  SRC_DIR: 2,
  SRC_NAME: 3,
  DST_DIR: 4,
  TEMP: 5,
  FINAL: 6,
  DEV: 7,
  INO: 8,
  SIZE: 9,
  MTIME_NS: 10,
  MODE: 11,
  WORDS: 12,
} as const

/** Item flags. */
export const ItemFlag = {
  SYMLINK: 1,
  RENAME_NOREPLACE: 2,
  RENAME_REPLACE: 4,
  KEEP_TEMP_ON_EXISTS: 8,
  HAS_IDENTITY: 16,
  HAS_WALK_META: 32,
} as const

/** Outcome words per item (Float64Array) returned by `copyBatch`. */
export const OUT = { STATUS: 0, ERRNO: 1, STEP: 2, PATH: 3, FLAGS: 4, BYTES: 5, WORDS: 6 } as const

/** Outcome status numbers. */
export const Status = {
  NOT_STARTED: 0,
  DONE: 1,
  FAILED: 2,
  SOURCE_CHANGED: 3,
  CANCELLED: 4,
  EXISTS: 5,
  /** The user asked to skip it while it was copied (the slot's skip word): stopped, its temp removed. */
  SKIPPED: 6,
} as const

/** The step that failed, by number (index = C enum value). */
export const STEPS = [
  'none',
  'open-source-dir',
  'open-dest-dir',
  'open-source',
  'stat-source',
  'check-source',
  'create-temp',
  'read',
  'write',
  'truncate',
  'owner',
  'mode',
  'xattr',
  'times',
  'sync',
  'close',
  'rename',
  'readlink',
  'symlink',
  'cancel',
] as const
export type Step = (typeof STEPS)[number]

/** Which of an item's paths a failure is about, by number. */
export const PATH_ROLES = ['none', 'source', 'source-dir', 'dest-dir', 'temp', 'final'] as const
export type PathRole = (typeof PATH_ROLES)[number]

/** Facts about a copy that did not fail it. */
export const OutFlag = {
  CLONED: 1,
  OFFLOADED: 2,
  SPARSE: 4,
  XATTR_UNSUPPORTED: 8,
  XATTR_DENIED: 16,
  ACL_UNSUPPORTED: 32,
  CHANGED_SINCE_WALK: 64,
  TEMP_KEPT: 128,
  OWNER_DENIED: 256,
} as const

/**
 * Job options (`options` of copyBatch); the default is OWNER | XATTRS. CALLER_COUNTS: the caller owns the progress
 * slot's per-item words (file id, done accounted/copied); the core writes only the file's bytes so far.
 */
export const JobOption = { OWNER: 1, XATTRS: 2, CALLER_COUNTS: 4 } as const

/** Per-file sync before the rename. */
export const Sync = { NONE: 0, DATA: 1, FULL: 2 } as const

/** `readDir` field words per entry (BigInt64Array). */
export const WALK = {
  NAME_OFF: 0,
  NAME_LEN: 1,
  KIND: 2,
  MODE: 3,
  SIZE: 4,
  DEV: 5,
  INO: 6,
  NLINK: 7,
  BLOCKS: 8,
  ATIME_NS: 9,
  MTIME_NS: 10,
  WORDS: 11,
} as const

/** Entry kinds of `readDir`, by number. */
export const KINDS = ['unknown', 'file', 'directory', 'symlink', 'other'] as const
export type EntryKind = (typeof KINDS)[number]

/** `stat` words (BigInt64Array). */
export const STAT = {
  DEV: 0,
  INO: 1,
  MODE: 2,
  NLINK: 3,
  UID: 4,
  GID: 5,
  SIZE: 6,
  BLOCKS: 7,
  ATIME_NS: 8,
  MTIME_NS: 9,
  CTIME_NS: 10,
  WORDS: 11,
} as const
