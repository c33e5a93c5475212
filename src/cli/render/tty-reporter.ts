/**
 * The live display on a terminal (stderr): an overall bar with bytes, files, speed and ETA, and one line per file in
 * flight, redrawn in place by cli-progress at a bounded rate (`fps`), whatever the event rate. Failures, warnings and
 * notices are printed above the display; the summary goes to stdout once the display is cleared.
 */
import { MultiBar } from 'cli-progress'
import type { FerryErrorData, JobEvent, JobSummary, ProgressSnapshot } from '../../shared/job'
import type { OutStream, Reporter, SignalNotice } from './reporter'
import { StderrLog } from './reporter'
import { summaryText } from './summary-text'
import { inFlightLines, overallLine } from './tty-lines'

export interface TtyReporterOptions {
  stdout: OutStream
  /** A terminal: the display is drawn here. */
  stderr: OutStream
  /** Redraws per second at most (default 10). */
  fps?: number
}

/** Draws the live display; implements {@link Reporter}. */
export class TtyReporter implements Reporter {
  private readonly multibar: MultiBar
  private readonly log: StderrLog
  private latest: ProgressSnapshot | undefined
  /** One cli-progress bar per display line; file lines grow to the most ever shown, never shrink mid-job. */
  private fileSlots = 0
  private active = false
  private linesCache: { snapshot: ProgressSnapshot | undefined; width: number; lines: string[] } | undefined

  constructor(private readonly options: TtyReporterOptions) {
    this.multibar = new MultiBar({
      stream: options.stderr as NodeJS.WritableStream,
      fps: options.fps ?? 10,
      hideCursor: true,
      clearOnComplete: true,
      // We handle SIGINT/SIGTERM ourselves (cancel, then terminate); cli-progress must not stop the display on them.
      gracefulExit: false,
    })
    this.log = new StderrLog((line) => this.writeAbove(line))
  }

  event(event: JobEvent): void {
    switch (event.type) {
      case 'started':
        this.ensureActive()
        break
      case 'progress':
        this.latest = event.progress
        this.ensureActive()
        this.ensureFileSlots(this.fileLines(80).length)
        break
      case 'files':
        this.log.failures(event.results)
        break
      case 'warning':
        this.log.warning(event.warning)
        break
      case 'conflict':
      case 'finished':
        break
      default: {
        const unreachable: never = event
        throw new Error(`unknown event ${JSON.stringify(unreachable)}`)
      }
    }
  }

  signal(notice: SignalNotice): void {
    this.log.line(`ferry: ${notice.message}`)
    // Show it now: the user pressed a key and expects an answer before the next tick.
    if (this.active) this.multibar.update()
  }

  finish(summary: JobSummary): void {
    this.log.failures(summary.failures)
    this.stop()
    this.options.stdout.write(`${summaryText(summary)}\n`)
  }

  refused(error: FerryErrorData): void {
    this.stop()
    this.options.stderr.write(`ferry: ${error.message}\n`)
  }

  private ensureActive(): void {
    if (this.active) return
    this.active = true
    this.multibar.create(1, 0, {}, { format: (_o, params) => this.overall(params.maxWidth) })
  }

  private ensureFileSlots(count: number): void {
    while (this.fileSlots < count) {
      const slot = this.fileSlots
      this.fileSlots += 1
      this.multibar.create(1, 0, {}, { format: (_o, params) => this.fileLines(params.maxWidth)[slot] ?? '' })
    }
  }

  private overall(width: number): string {
    return this.latest ? overallLine(this.latest, width) : 'Starting…'
  }

  /** The file lines for the latest snapshot, computed once per snapshot and width (every slot asks for them). */
  private fileLines(width: number): string[] {
    const cache = this.linesCache
    if (cache && cache.snapshot === this.latest && cache.width === width) return cache.lines
    const lines = this.latest ? inFlightLines(this.latest.inFlight, width) : []
    this.linesCache = { snapshot: this.latest, width, lines }
    return lines
  }

  private writeAbove(line: string): void {
    // MultiBar.log prints above the bars on the next redraw; before the display starts, write directly.
    if (this.active) this.multibar.log(`${line}\n`)
    else this.options.stderr.write(`${line}\n`)
  }

  private stop(): void {
    if (!this.active) return
    // Flush lines logged since the last tick, then clear the display (clearOnComplete).
    this.multibar.update()
    this.multibar.stop()
    this.active = false
  }
}
