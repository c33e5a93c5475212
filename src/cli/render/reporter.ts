/** The interface every CLI output mode implements, and the stderr bookkeeping they share. */
import type { FerryErrorData, FileResult, JobEvent, JobSummary } from '../../shared/job'
import { failureLine, warningLine } from './summary-text'

/** A writable text stream (process.stdout/stderr, or a test double). */
export interface OutStream {
  write(chunk: string): unknown
  isTTY?: boolean
  columns?: number
}

/** What the CLI did in answer to a signal, reported to people and to `--json` consumers. */
export interface SignalNotice {
  signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'
  action: 'cancel' | 'terminate' | 'exit'
  message: string
}

/** One output mode: live display on a terminal, JSON lines, or a plain final summary. */
export interface Reporter {
  /** Every event of the job, in order. */
  event(event: JobEvent): void
  /** The CLI reacted to a signal. */
  signal(notice: SignalNotice): void
  /** The job ended; `exitCode` is what the process will exit with. Called once. */
  finish(summary: JobSummary, exitCode: number): void
  /** The job was refused before anything was written (pre-flight) or could not start. Called at most once. */
  refused(error: FerryErrorData, exitCode: number): void
}

/**
 * Streams failures and warnings to stderr as they arrive, each file once: failures come in `files` events and again
 * (the first thousand) in the summary, and a user must see every one exactly once.
 */
export class StderrLog {
  private readonly printed = new Set<number>()

  constructor(private readonly writeLine: (line: string) => void) {}

  failures(results: readonly FileResult[]): void {
    for (const result of results) {
      if (result.status !== 'failed' || this.printed.has(result.id)) continue
      this.printed.add(result.id)
      this.writeLine(failureLine(result))
    }
  }

  warning(warning: FerryErrorData): void {
    this.writeLine(warningLine(warning))
  }

  line(text: string): void {
    this.writeLine(text)
  }
}
