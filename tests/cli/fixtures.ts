/** Sample engine data for the CLI's unit tests (the integration tests use the real engine). */
import type { FileResult, JobSummary, ProgressSnapshot } from '../../src/shared/job'
import type { OutStream } from '../../src/cli/render/reporter'

export function snapshot(over: Partial<ProgressSnapshot> = {}): ProgressSnapshot {
  return {
    jobId: 'j1',
    state: 'running',
    scanning: false,
    bytesDone: 100,
    bytesTotal: 400,
    filesDone: 1,
    filesFailed: 0,
    filesSkipped: 0,
    filesTotal: 4,
    bytesPerSecond: 1000,
    etaSeconds: 1,
    elapsedMs: 100,
    inFlight: [],
    ...over,
  }
}

export function result(id: number, status: FileResult['status'], over: Partial<FileResult> = {}): FileResult {
  return {
    id,
    name: `f${id}.txt`,
    src: `/src/f${id}.txt`,
    dst: `/dst/f${id}.txt`,
    size: 100,
    kind: 'file',
    status,
    ...(status === 'failed'
      ? {
          error: {
            code: 'PERMISSION_DENIED',
            message: `Error reading /src/f${id}.txt: permission denied (EACCES).`,
          },
        }
      : {}),
    ...over,
  }
}

export function summary(over: Partial<JobSummary> = {}): JobSummary {
  return {
    jobId: 'j1',
    state: 'done',
    bytesDone: 400,
    bytesCopied: 400,
    bytesTotal: 400,
    filesTotal: 4,
    filesDone: 4,
    filesFailed: 0,
    filesSkipped: 0,
    filesCancelled: 0,
    filesNotStarted: 0,
    filesExcluded: 0,
    scanComplete: true,
    durationMs: 1000,
    failures: [],
    warnings: [],
    ...over,
  }
}

/** A stream that records what was written. */
export class MemoryStream implements OutStream {
  text = ''
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk
    return true
  }
  lines(): string[] {
    return this.text.split('\n').filter((line) => line.length > 0)
  }
}
