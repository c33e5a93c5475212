/**
 * The byte-copier seam: what the worker asks of whichever core moves the bytes (the JS core in `js-copier.ts`, the
 * native C core when it is built; a move renames in `move-source.ts` instead when it can). Destination policy — conflicts, free names, commit — stays in
 * `destination.ts`; a copier only fills a fresh temporary file from a source and never touches a final name.
 *
 * Contract of every implementation (the engine suite checks it against each core):
 * - The source is opened without following a link and without blocking (`O_RDONLY | O_NOFOLLOW | O_NONBLOCK`); the
 *   open descriptor must still be a regular file with the walk's (dev, ino) when the item carries them, otherwise
 *   the copy fails with `SOURCE_CHANGED` and nothing is read.
 * - The temporary file is created with `O_CREAT | O_EXCL` (never an existing file, never through a link), holds the
 *   whole content, the source's mode and its times (as exactly as the platform can set them) before it returns.
 * - A source whose size or mtime changed while it was read fails with `SOURCE_CHANGED`; a size-0 regular file
 *   (`/proc/cpuinfo`) is read until end of file.
 * - Progress goes through `ctx.checkpoint(bytesSoFar)` (or, for a core given `ctx.shared`, straight into the slot's
 *   file-bytes word with the control word read between chunks); on cancel the copier throws {@link Cancelled}.
 * - Failures are thrown: a {@link FerryError} (path already chosen) or a Node errno error (`copy-item.ts` maps it).
 *   The caller removes the temporary file on any throw.
 * - `copyFiles` (optional) is `copyFile` for a run of regular files in one call, per item the same checks, bytes
 *   and errors (returned, not thrown); it keeps the slot's per-item words and status bytes itself (see
 *   {@link RunContext}), so a core whose calls cost more than its files (the native one) pays once per run.
 */
import type { IHasher } from 'hash-wasm'
import type { BytePath } from '../lib/byte-path'
import { type CopyItem, SKIP_FILE } from '../protocol'

/** What a copier needs from its worker: the buffer, progress reporting, and the control word. */
export interface CopyContext {
  jobToken: string
  buffer: Buffer
  chunkSize: number
  /** Present when verifying. */
  hashers?: { source: IHasher; target: IHasher }
  /**
   * Called after each chunk with the file's bytes so far (charging the new ones to the bandwidth limit, unless
   * `charge` is false: a clone moved none); returns RUN, CANCEL or SKIP_FILE (waits while paused or throttled).
   */
  checkpoint(bytes: number, charge?: boolean): number
  /** The process umask: new files get their final mode at creation and `fchmod` only when it would strip bits. */
  umask: number
  /**
   * The worker's shared memory, for a core that reports and obeys by itself (the native one) instead of calling
   * `checkpoint`: the job's control word, the task's progress slot (it writes only SLOT_FILE_BYTES there and reads
   * the skip word; the worker loop owns the per-item words) and the job's bandwidth-limit words.
   */
  shared?: { control: Int32Array; progress: BigInt64Array; throttle: BigInt64Array }
}

/**
 * What `copyFiles` does besides the bytes, exactly as the worker loop does per item: with `ctx.shared`, it sets the
 * slot's file word (id + 1) while an item is copied, adds its done words (copied, accounted: its bytes, or its walk
 * size when it failed), writes its status byte, then clears the file words; it reads the control word before each
 * item (waiting while paused) and stops at cancel or terminate: the rest are not started.
 */
export interface RunContext {
  /** One status byte per item of the run (ITEM_* of protocol.ts): WRITTEN (temp left), DONE (renamed), FAILED… */
  statuses: Uint8Array
  /**
   * Give each finished temp this name in its folder, replacing as rename(2) does (the items' folders were created
   * by this job, as copy-item.ts's fresh items); absent: leave the temps for a commit group.
   */
  finals?: BytePath[]
}

/**
 * One item's result of `copyFiles`: the bytes copied, the error `copyFile` would have thrown ({@link Cancelled}
 * included; the temp is already removed), or `undefined` when it was not started (cancelled before it).
 */
export type FileResult = number | Error | undefined

/** Moves the bytes of one item into a temporary file. Synchronous: a worker thread is dedicated to it. */
export interface ByteCopier {
  /**
   * Copies regular files `items[i].src` into the new files `temps[i]` (and renames them to `run.finals[i]`) in one
   * call; only with `ctx.shared` and without verification (`ctx.hashers`). One result per item, in order.
   */
  copyFiles?(items: CopyItem[], temps: BytePath[], ctx: CopyContext, run: RunContext): FileResult[]
  /** Copies the regular file `item.src` into the new file `tempDst`; returns the bytes copied. */
  copyFile(item: CopyItem, tempDst: BytePath, ctx: CopyContext): number
  /** Creates `tempDst` as a link with `item.src`'s target bytes (and its times where the filesystem allows). */
  copySymlink(item: CopyItem, tempDst: BytePath): void
}

/** Thrown inside a copier when the job is cancelled; the caller reports `cancelled`. */
export class Cancelled extends Error {}

/** Thrown inside a copier when the user asked to skip the file being copied; the caller reports it `skipped`. */
export class SkippedByUser extends Error {}

/** What a checkpoint's answer other than RUN means for the file being copied (CANCEL or SKIP_FILE). */
export function stopped(state: number): Error {
  return state === SKIP_FILE ? new SkippedByUser() : new Cancelled()
}
