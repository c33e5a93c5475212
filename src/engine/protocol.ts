/**
 * What crosses between the main thread and the copy workers: task and result shapes, and the layout of the shared
 * memory the workers report progress through and read control requests from. Plain data only.
 */
import type { FerryErrorData, SkipReason } from '../shared/job'
import type { BytePath } from './lib/byte-path'

/** Control word values (Int32 at {@link CONTROL_STATE}). Workers read it between chunks. */
export const RUN = 0
export const PAUSE = 1
export const CANCEL = 2
export const TERMINATE = 3

/** Index of the state word in the control `Int32Array`. */
export const CONTROL_STATE = 0
export const CONTROL_WORDS = 1

/**
 * Returned by a worker's checkpoint (never stored in the control word): the user asked to skip the file being copied
 * (its slot's {@link SLOT_SKIP} word names it). The copier stops that file, removes its temporary file and the task
 * goes on with the next item.
 */
export const SKIP_FILE = 5

/**
 * The bandwidth limit, one token bucket for every worker of a job (BigInt64 words after the control word, at byte
 * {@link THROTTLE_OFFSET} of the control buffer): the rate in bytes per second (0: none; the main thread may change it
 * at any time) and the bucket's "theoretical arrival time" (GCRA), in ns of the monotonic clock: each chunk a worker
 * writes pushes it forward by bytes / rate, and the worker waits until its share is due (throttle.ts).
 */
export const THROTTLE_OFFSET = 8
export const THROTTLE_RATE = 0
export const THROTTLE_TAT = 1
export const THROTTLE_WORDS = 2
/** Bytes of a job's control buffer: the state word, padding, the throttle words. */
export const CONTROL_BYTES = THROTTLE_OFFSET + THROTTLE_WORDS * 8

/**
 * A progress slot per task in flight (BigInt64 words): the file being copied (id + 1, 0 when none), its bytes copied
 * so far, then for the task's finished items the bytes accounted for (see {@link accountedBytes}) and the bytes
 * actually copied; one writer (the worker), one reader (the main thread). Then the skip word, written by the main
 * thread: the id + 1 of a file the user asked to skip; the worker stops that file when it is the slot's current one
 * (ids are unique in a job, so a late request for a file already finished matches nothing).
 */
export const SLOT_FILE = 0
export const SLOT_FILE_BYTES = 1
export const SLOT_DONE_ACCOUNTED = 2
export const SLOT_DONE_COPIED = 3
export const SLOT_SKIP = 4
export const SLOT_WORDS = 5

/**
 * Per-item status bytes of each slot (`MAX_BATCH_ITEMS` per slot): what a worker finished, readable by the main thread
 * even when terminate destroys the worker before its task result arrives.
 */
export const MAX_BATCH_ITEMS = 256
export const ITEM_PENDING = 0
export const ITEM_DONE = 1
export const ITEM_SKIPPED = 2
export const ITEM_FAILED = 3
export const ITEM_CANCELLED = 4
/** Written to its temporary name, waiting for its commit group (terminate removes it). */
export const ITEM_WRITTEN = 5

/** Policy a worker applies to an existing destination. `ask` makes the worker report a conflict, untouched. */
export type WorkerConflictPolicy = 'skip' | 'overwrite' | 'rename' | 'newer' | 'ask'

/** What the walk's lstat said of a file: enough to copy a small one without another stat. */
export interface FileMeta {
  mode: number
  atimeMs: number
  mtimeMs: number
}

/** One file or symlink to copy. Sizes and times come from the walk; the worker re-reads them when it opens. */
export interface CopyItem {
  id: number
  kind: 'file' | 'symlink'
  src: BytePath
  dst: BytePath
  /** Path relative to the source root, for display (lossy where the bytes are not UTF-8). */
  name: string
  size: number
  /** Overrides the job's policy (after the user answered an `ask`). */
  policy?: WorkerConflictPolicy
  /** Its folder was created by this job, so nothing can be in the way at `dst`. */
  fresh?: boolean
  /** From the walk, for a regular file without holes. */
  meta?: FileMeta
  /**
   * Identity the walk saw (lstat), for files: the worker checks that the descriptor it opened is still this file
   * (a file swapped for a link or a FIFO after the walk is SOURCE_CHANGED). 0 for symlinks.
   */
  dev: number
  ino: number
}

/** A batch of items for one worker, with the shared memory it reports through. */
export interface CopyTask {
  jobToken: string
  items: CopyItem[]
  policy: WorkerConflictPolicy
  chunkSize: number
  verify: boolean
  control: SharedArrayBuffer
  slots: SharedArrayBuffer
  statuses: SharedArrayBuffer
  slot: number
  /** The main process's umask (workers cannot read it race-free). */
  umask: number
  /**
   * Leave each finished file under its temporary name and report it `written`: its commit group makes it durable,
   * then renames it (see commit-groups.ts). False (`--no-sync`): rename at once, no flush.
   */
  deferCommit: boolean
  /**
   * Move: an item whose source is on the destination folder's filesystem (same st_dev) is renamed there, never
   * replacing unless its policy says so (move-source.ts); the others are copied and their sources deleted by the
   * commit group once durable.
   */
  move?: boolean
}

/** A source file as the walk saw it: deleted after a move only if it is still this (move-source.ts). */
export interface SourceIdentity {
  path: BytePath
  kind: 'file' | 'symlink'
  dev: number
  ino: number
  size: number
  /** From the walk when it had it (regular files without holes). */
  mtimeMs?: number
}

/** One finished temporary file of a commit group and where it goes. */
export interface CommitEntry {
  id: number
  temp: BytePath
  dst: BytePath
  /** Replace what is at `dst` (overwrite, newer); otherwise a name that appeared meanwhile is kept (keep both). */
  replace: boolean
  /** Its folder was created by this job: nothing can be in the way. */
  fresh: boolean
  /** Move: delete this source once the entry is durable under its final name and its folder is flushed. */
  source?: SourceIdentity
}

/** A commit group for one worker: make the temporary files durable, rename them, make their folders durable. */
export interface CommitTask {
  kind: 'commit'
  entries: CommitEntry[]
  /** The entries' data is already durable (an inline job flushed them off its thread): rename and flush folders. */
  flushed?: true
}

/** A commit entry's result. */
export type CommitOutcome =
  | { id: number; status: 'done'; dst?: BytePath; moved?: true; sourceKept?: FerryErrorData }
  | { id: number; status: 'failed'; dst: BytePath; error: FerryErrorData }

/** Outcome of one item, as the worker reports it. */
export type ItemOutcome =
  /** `dst` only when the file landed under another name than the item's (keep both); saves a copy per file. */
  | {
      id: number
      status: 'done'
      dst?: BytePath
      bytes: number
      replaced?: true
      /** Move: the source is gone (renamed, or deleted after its copy was durable). */
      moved?: true
      /** Move: the copy is done but the source was kept (changed since it was copied, or not removable): why. */
      sourceKept?: FerryErrorData
    }
  | { id: number; status: 'skipped'; dst: BytePath; reason: SkipReason }
  | { id: number; status: 'failed'; dst: BytePath; bytes: number; error: FerryErrorData }
  | { id: number; status: 'cancelled'; dst: BytePath }
  | { id: number; status: 'not-started' }
  /** Complete under its temporary name; not done until its commit group has made it durable and renamed it. */
  | { id: number; status: 'written'; bytes: number; entry: CommitEntry }
  | {
      id: number
      status: 'conflict'
      source: { size: number; mtimeMs: number }
      existing: { size: number; mtimeMs: number }
    }

/** The identity a move's commit checks before deleting `item`'s source. */
export function sourceIdentity(item: CopyItem): SourceIdentity {
  const identity: SourceIdentity = {
    path: item.src,
    kind: item.kind,
    dev: item.dev,
    ino: item.ino,
    size: item.size,
  }
  if (item.meta) identity.mtimeMs = item.meta.mtimeMs
  return identity
}

/** Temporary names (they name their writer, so a later run can remove a killed run's leftovers). */
export { partialName, PARTIAL_MARKER } from './partial-names'

/**
 * Bytes an outcome moves the progress bar by: copied files count what was copied, skipped and failed files their
 * whole size (they are dealt with), so the bar ends at 100 % and never moves backwards.
 */
export function accountedBytes(outcome: ItemOutcome, size: number): number {
  switch (outcome.status) {
    case 'done':
    case 'written':
      return outcome.bytes
    case 'skipped':
    case 'failed':
      return size
    case 'cancelled':
    case 'not-started':
    case 'conflict':
      return 0
  }
}

/** Bytes an outcome really wrote to the destination (drives the speed figure). */
export function copiedBytes(outcome: ItemOutcome): number {
  return outcome.status === 'done' || outcome.status === 'written' ? outcome.bytes : 0
}
