/** Builders of engine data for renderer tests: plain objects shaped like what the shells send. */
import type {
  ConflictQuestion,
  FileResult,
  JobEvent,
  JobOptions,
  JobSummary,
  ProgressSnapshot,
} from '../../../src/shared/job'

export function progress(patch: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    jobId: 'job-1',
    state: 'running',
    scanning: false,
    bytesDone: 0,
    bytesTotal: 0,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    filesTotal: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    elapsedMs: 0,
    inFlight: [],
    ...patch,
  }
}

export function summary(patch: Partial<JobSummary> = {}): JobSummary {
  return {
    jobId: 'job-1',
    state: 'done',
    bytesDone: 0,
    bytesCopied: 0,
    bytesTotal: 0,
    filesTotal: 0,
    filesDone: 0,
    filesFailed: 0,
    filesSkipped: 0,
    filesCancelled: 0,
    filesNotStarted: 0,
    filesExcluded: 0,
    scanComplete: true,
    durationMs: 1000,
    failures: [],
    warnings: [],
    ...patch,
  }
}

export function fileResult(id: number, patch: Partial<FileResult> = {}): FileResult {
  return {
    id,
    name: `dir/file-${id}.bin`,
    src: `/src/dir/file-${id}.bin`,
    dst: `/dst/dir/file-${id}.bin`,
    size: 1000,
    kind: 'file',
    status: 'done',
    ...patch,
  }
}

export function question(patch: Partial<ConflictQuestion> = {}): ConflictQuestion {
  return {
    jobId: 'job-1',
    conflictId: 1,
    name: 'report.pdf',
    source: { path: '/src/report.pdf', size: 2 * 2 ** 20, mtimeMs: Date.UTC(2024, 4, 2, 10, 0, 0) },
    existing: { path: '/dst/report.pdf', size: 1536, mtimeMs: Date.UTC(2023, 0, 15, 9, 30, 0) },
    ...patch,
  }
}

export const options: JobOptions = {
  sources: ['/src/dir'],
  destination: '/dst',
  onConflict: 'skip',
  verify: false,
}

export function started(jobId = 'job-1', opts: JobOptions = options): JobEvent {
  return { type: 'started', jobId, options: opts }
}
