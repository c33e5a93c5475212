import type { JobJournal } from './journal'
import type {
  ConflictAnswer,
  ConflictQuestion,
  FerryErrorData,
  JobEvent,
  JobOptions,
  JobSummary,
  ProgressSnapshot,
} from '../shared/job'

/** How an engine is built. The worker path is injected so the app, the CLI and tests each resolve it. */
export interface EngineOptions {
  /** Absolute path of the copy worker module (`copy-worker?modulePath` in a bundle, the .ts file in tests). */
  workerPath: string
  /** Extra `execArgv` for worker threads (tests pass `['--import', 'tsx']`). */
  workerExecArgv?: string[]
  /** Worker threads in the pool. Default: measured (see README). */
  threads?: number
  /** Progress events per second (default 10; the Electron shell uses ≤ 20). */
  progressHz?: number
}

/** Callbacks of one job. */
export interface JobHooks {
  /** Every {@link JobEvent}, in order. Must not throw; slow work should be queued by the caller. */
  onEvent?: (event: JobEvent) => void
  /**
   * Answers a conflict under the `ask` policy. Questions are asked one at a time; other files keep copying while
   * the user decides. Without this hook, `ask` behaves as `skip`.
   */
  onConflict?: (question: ConflictQuestion, signal: AbortSignal) => Promise<ConflictAnswer>
  /**
   * Which files `files` events list: `all` (default; a file list shows every file) or `problems` (failed, skipped
   * and cancelled only; copied files are still counted). `problems` saves an object per copied file.
   */
  results?: 'all' | 'problems'
  /**
   * The job's resume journal (journal.ts; the CLI opens it by the job's identity): an earlier, interrupted run's
   * roots and finished files are reused, and this run records its own. Removed when the job ends complete.
   */
  journal?: JobJournal
}

/** A running copy job. Control methods are idempotent and safe to call in any state. */
export interface CopyJob {
  readonly id: string
  /** Resolves when the job has ended and every partial file is gone. Never rejects. */
  readonly done: Promise<JobSummary>
  /** Current progress, sampled now. */
  progress(): ProgressSnapshot
  /** Workers wait at their next chunk boundary; no thread spins. */
  pause(): void
  resume(): void
  /** Graceful stop: at the next chunk boundary; partial files deleted, finished files kept. */
  cancel(): Promise<JobSummary>
  /** Immediate stop: worker threads destroyed, then partial files of in-flight files deleted. */
  terminate(): Promise<JobSummary>
  /**
   * Skips file `id` (an `inFlight` entry's id) while it is copied: its worker stops it at the next chunk (at once when
   * paused or waiting on the bandwidth limit), removes its temporary file, reports it skipped (`user-skipped`) and
   * goes on. False when the file is not being copied now (not started, or already finished).
   */
  skipFile(id: number): boolean
  /** Changes the bandwidth limit of the running job (bytes per second across all its threads; 0 removes it). */
  setBandwidthLimit(bytesPerSecond: number): void
}

/** Result of {@link CopyEngine.preflight}: what would be copied where, and warnings. Nothing is written. */
export interface PreflightResult {
  /** Each source with the path it will be copied to. */
  roots: Array<{ source: string; target: string; kind: 'file' | 'directory' | 'symlink' }>
  warnings: FerryErrorData[]
}

/** The copy engine: one worker pool, one job at a time. Plain Node; no `electron` import. */
export interface CopyEngine {
  /**
   * Checks the job (missing source, folder into itself, destination under a file, …) without writing.
   * Rejects with a `FerryError` whose `code` says why.
   */
  preflight(options: JobOptions): Promise<PreflightResult>
  /**
   * Runs pre-flight, then starts the job. Rejects with a `FerryError` (nothing written) when refused or when a job
   * is already running (`JOB_RUNNING`).
   */
  start(options: JobOptions, hooks?: JobHooks): Promise<CopyJob>
  /** The running job, if any. */
  readonly current: CopyJob | undefined
  /** Terminates any running job and destroys the pool. */
  close(): Promise<void>
}
