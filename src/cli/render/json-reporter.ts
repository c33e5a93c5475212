/**
 * `--json`: one JSON object per line on stdout, at a bounded rate, the last one a `summary` (or `refused`).
 *
 * The lines mirror the engine's {@link JobEvent}s (`started`, `progress`, `files`, `warning`) so a consumer reads the
 * same shapes the desktop app does, with two differences that keep the output bounded: progress lines are throttled
 * to `maxPerSecond`, and `files` lines list only files that were not copied (failed, skipped, cancelled), batched
 * and flushed with the progress lines. Copied files are counted in `progress` and `summary`.
 */
import type { FerryErrorData, FileResult, JobEvent, JobSummary, ProgressSnapshot } from '../../shared/job'
import type { OutStream, Reporter, SignalNotice } from './reporter'
import { StderrLog } from './reporter'

/** Every line `--json` can print. */
export type JsonLine =
  | Extract<JobEvent, { type: 'started' }>
  | { type: 'progress'; progress: ProgressSnapshot }
  | { type: 'files'; results: FileResult[] }
  | { type: 'warning'; warning: FerryErrorData }
  | { type: 'signal'; signal: SignalNotice['signal']; action: SignalNotice['action']; message: string }
  | { type: 'summary'; exitCode: number; summary: JobSummary }
  | { type: 'refused'; exitCode: number; error: FerryErrorData }

export interface JsonReporterOptions {
  stdout: OutStream
  stderr: OutStream
  /** Progress lines per second at most (default 10). */
  maxPerSecond?: number
  /** Clock in ms (injectable for tests). */
  now?: () => number
}

/** Writes {@link JsonLine}s; failures and warnings also go to stderr as text, as in every mode. */
export class JsonReporter implements Reporter {
  private readonly minIntervalMs: number
  private readonly now: () => number
  private lastProgressAt = Number.NEGATIVE_INFINITY
  private pendingFiles: FileResult[] = []
  private readonly log: StderrLog

  constructor(private readonly options: JsonReporterOptions) {
    this.minIntervalMs = 1000 / (options.maxPerSecond ?? 10)
    this.now = options.now ?? (() => performance.now())
    this.log = new StderrLog((line) => options.stderr.write(`${line}\n`))
  }

  event(event: JobEvent): void {
    switch (event.type) {
      case 'started':
        this.print(event)
        break
      case 'progress': {
        const now = this.now()
        if (now - this.lastProgressAt < this.minIntervalMs) break
        this.lastProgressAt = now
        this.flushFiles()
        this.print({ type: 'progress', progress: event.progress })
        break
      }
      case 'files':
        this.log.failures(event.results)
        for (const result of event.results) if (result.status !== 'done') this.pendingFiles.push(result)
        break
      case 'warning':
        this.log.warning(event.warning)
        this.print({ type: 'warning', warning: event.warning })
        break
      case 'conflict':
      case 'finished':
        // The CLI never uses `ask`; the summary line is written by finish() with the exit code.
        break
      default: {
        const unreachable: never = event
        throw new Error(`unknown event ${JSON.stringify(unreachable)}`)
      }
    }
  }

  signal(notice: SignalNotice): void {
    this.log.line(`ferry: ${notice.message}`)
    this.print({ type: 'signal', signal: notice.signal, action: notice.action, message: notice.message })
  }

  finish(summary: JobSummary, exitCode: number): void {
    this.log.failures(summary.failures)
    this.flushFiles()
    this.print({ type: 'summary', exitCode, summary })
  }

  refused(error: FerryErrorData, exitCode: number): void {
    this.log.line(`ferry: ${error.message}`)
    this.print({ type: 'refused', exitCode, error })
  }

  private flushFiles(): void {
    if (this.pendingFiles.length === 0) return
    const results = this.pendingFiles
    this.pendingFiles = []
    this.print({ type: 'files', results })
  }

  private print(line: JsonLine): void {
    this.options.stdout.write(`${JSON.stringify(line)}\n`)
  }
}
