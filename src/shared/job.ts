/**
 * The job contract shared by the engine, the CLI, the Electron main process, the preload bridge and the
 * renderer: events, snapshots, results and error codes (types and constants; the options schema is in
 * job-options.ts). No `node:`, DOM or `electron` imports, so every process can import it.
 */
import type { JobOptions } from './job-options'

export {
  AUTOMATIC_CONFLICT_POLICIES,
  CONFLICT_POLICIES,
  type ConflictPolicy,
  JOB_LIMITS,
  type JobOptions,
} from './job-options'

/**
 * Ferry's own error codes. Per-file codes appear in {@link FileResult}; the destination-limit codes
 * (`FILE_TOO_LARGE`, `NAME_NOT_ALLOWED`, `NAME_CLASH`, and `NAME_TOO_LONG` for a name or path the destination's
 * filesystem cannot hold) fail a file as the walk finds it, before any of its bytes are written; the pre-flight codes
 * (`SOURCE_MISSING`, `COPY_INTO_ITSELF`, `SAME_FILE`, `DEST_UNDER_FILE`, `INVALID_INPUT`) refuse a job before any
 * byte moves.
 */
export type ErrorCode =
  | 'DISK_FULL'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'SOURCE_CHANGED'
  | 'VERIFY_FAILED'
  | 'READ_ONLY'
  | 'NAME_TOO_LONG'
  | 'FILE_TOO_LARGE'
  | 'NAME_NOT_ALLOWED'
  | 'NAME_CLASH'
  | 'NOT_A_DIRECTORY'
  | 'IS_A_DIRECTORY'
  | 'UNSUPPORTED'
  | 'IO_ERROR'
  | 'SOURCE_MISSING'
  | 'COPY_INTO_ITSELF'
  | 'SAME_FILE'
  | 'TOO_MANY_OPEN_FILES'
  | 'DEST_UNDER_FILE'
  | 'INVALID_INPUT'
  | 'JOB_RUNNING'
  | 'INTERNAL'

/** An error as data: crosses threads, IPC and WebSockets unchanged. `message` names the path and a remedy. */
export interface FerryErrorData {
  code: ErrorCode
  message: string
  path?: string
}

/** Life cycle of a job. `scanning` is reported separately (see {@link ProgressSnapshot.scanning}). */
export type JobState =
  'running' | 'paused' | 'cancelling' | 'terminating' | 'done' | 'cancelled' | 'terminated'

/** Terminal states of a job. */
export type FinalJobState = Extract<JobState, 'done' | 'cancelled' | 'terminated'>

/** One file currently being copied. */
export interface InFlightFile {
  id: number
  /** Path relative to its source root, for display. */
  name: string
  src: string
  dst: string
  size: number
  bytesDone: number
}

/** A read-only progress snapshot, sampled by the main thread (never one message per chunk). */
export interface ProgressSnapshot {
  jobId: string
  state: JobState
  /** True while the walk is still discovering files: totals may still grow. */
  scanning: boolean
  /**
   * Bytes accounted for: copied so far, plus the whole size of skipped and failed files (they are dealt with), so the
   * bar reaches 100 % and never moves back. The speed counts only bytes really written.
   */
  bytesDone: number
  bytesTotal: number
  filesDone: number
  filesFailed: number
  filesSkipped: number
  /** Files (and symlinks) discovered so far. */
  filesTotal: number
  /** Smoothed throughput in bytes per second. */
  bytesPerSecond: number
  /** Seconds left at the smoothed speed, or null when unknown (scanning or no speed yet). */
  etaSeconds: number | null
  elapsedMs: number
  inFlight: InFlightFile[]
  /** What the job is doing now: copying bytes, reading copies back (`verify`), or flushing them to disk. */
  phase?: 'copying' | 'verifying' | 'syncing'
  /**
   * Bytes copied but not yet durable under their final names (commit groups). In the `syncing` phase, the job is
   * "Writing to disk…" until this reaches 0.
   */
  bytesToFlush?: number
  /**
   * Linux: the system's dirty and under-writeback page cache (Dirty + Writeback of /proc/meminfo) during `syncing`,
   * for a determinate "Writing to disk…" bar; absent elsewhere.
   */
  systemDirtyBytes?: number
}

export type FileStatus = 'done' | 'failed' | 'skipped' | 'cancelled'

/** Why a file was skipped. */
export type SkipReason = 'exists' | 'not-newer' | 'user-skipped' | 'already-copied'

/** The outcome of one file (or symlink). */
export interface FileResult {
  id: number
  /** Path relative to its source root, for display. */
  name: string
  src: string
  /** Final destination path (for `rename`, the new name that was used). */
  dst: string
  size: number
  /**
   * `directory` appears only for a folder that could not be read or created; `special` for a named pipe, socket or
   * device, which Ferry does not copy.
   */
  kind: 'file' | 'symlink' | 'directory' | 'special'
  status: FileStatus
  error?: FerryErrorData
  skipReason?: SkipReason
  /**
   * For a copied file (`done`): a new file (`copied`), over an existing one (`replaced`: overwrite, newer), or
   * beside an existing one under a free name (`renamed`: keep both); with `move`, a file whose source is gone
   * (`moved`: renamed on the same filesystem, or copied, made durable, then its source deleted).
   */
  action?: 'copied' | 'replaced' | 'renamed' | 'moved'
}

/** The question asked under the `ask` policy. */
export interface ConflictQuestion {
  jobId: string
  /** Identifies the question; the answer quotes it. */
  conflictId: number
  name: string
  source: { path: string; size: number; mtimeMs: number }
  existing: { path: string; size: number; mtimeMs: number }
}

/** The answer to a {@link ConflictQuestion}. `rename` keeps both (`name (1).ext`). */
export interface ConflictAnswer {
  choice: 'overwrite' | 'skip' | 'rename'
  /** Apply this choice to every later conflict of the job. */
  applyToAll: boolean
}

/** The end of a job. Counts cover every file discovered; failures carry their reasons. */
export interface JobSummary {
  jobId: string
  state: FinalJobState
  /** Bytes accounted for, as in {@link ProgressSnapshot.bytesDone}. */
  bytesDone: number
  /** Bytes actually written to the destination by copied files. */
  bytesCopied: number
  bytesTotal: number
  filesTotal: number
  filesDone: number
  filesFailed: number
  filesSkipped: number
  /**
   * Move jobs only: files whose source is gone (renamed, or copied, made durable and deleted). `filesDone` minus this
   * were copied but their sources kept (changed after the copy, or not removable; see the warnings).
   */
  filesMoved?: number
  /** Files stopped mid-copy by cancel/terminate (their partial files were removed). */
  filesCancelled: number
  /** Files discovered but never started (after cancel/terminate). */
  filesNotStarted: number
  /**
   * Files, symlinks and folders left out by the job's filters (an excluded folder counts once: it is not walked).
   * Not part of `filesTotal`.
   */
  filesExcluded: number
  /** False when cancel/terminate stopped the walk early, so more files may exist than were counted. */
  scanComplete: boolean
  durationMs: number
  /** Failed files with reasons (the first {@link MAX_FAILURES_IN_SUMMARY}; `filesFailed` has the true count). */
  failures: FileResult[]
  warnings: FerryErrorData[]
  /**
   * True when every copied file was made durable before it got its final name (the default; false with `sync: false`
   * or when nothing was copied). With a removable destination, the window and CLI then say it is safe to remove.
   */
  durable?: boolean
  /** The destination is a removable device (USB stick, SD card). */
  removable?: boolean
  /** With `verify`: where the copies were read back from (see {@link JobRuntimeInfo.verifyReadBack}). */
  verifiedFrom?: 'disk' | 'cache'
}

export const MAX_FAILURES_IN_SUMMARY = 1000

/** How the engine runs a job, and why (the `started` event; `ferry --json` prints it). */
export interface JobRuntimeInfo {
  threads: number
  /** Why that many: asked for, or chosen from the destination device. */
  threadsWhy: string
  /** Which copy core runs: the native C core, or the JS core (portable fallback). */
  core: 'native' | 'js'
  coreWhy: string
  /**
   * With `verify`: where copies are read back from — `disk` (synced, then their cached pages dropped, so the read
   * comes from the device) or `cache` (synced, but the read may be served from memory: no way to drop pages here).
   */
  verifyReadBack?: 'disk' | 'cache'
  device: {
    kind: 'memory' | 'ssd' | 'rotational' | 'network' | 'unknown'
    fsType: string
    removable: boolean
  }
  /**
   * This run continues an interrupted run of the same job (its resume journal): when that run started, how many
   * files it had finished (those still unchanged are skipped as `already-copied`), and where each source goes.
   */
  resumed?: { startedAt: string; files: number; roots: Array<{ source: string; target: string }> }
}

/** Events of one job, in order. `progress` arrives at a bounded rate; `files` batches results. */
export type JobEvent =
  | { type: 'started'; jobId: string; options: JobOptions; runtime?: JobRuntimeInfo }
  | { type: 'progress'; progress: ProgressSnapshot }
  | { type: 'files'; jobId: string; results: FileResult[] }
  | { type: 'conflict'; question: ConflictQuestion }
  | { type: 'warning'; jobId: string; warning: FerryErrorData }
  | { type: 'finished'; summary: JobSummary }
