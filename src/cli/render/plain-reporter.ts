/**
 * Output when stderr is not a terminal and `--json` is off (scripts, logs, CI): no live display, failures and warnings
 * on stderr as they happen, and one summary line on stdout at the end.
 */
import type { FerryErrorData, JobEvent, JobSummary } from '../../shared/job'
import type { OutStream, Reporter, SignalNotice } from './reporter'
import { StderrLog } from './reporter'
import { summaryText } from './summary-text'

/** The quiet reporter: nothing until something goes wrong or the job ends. */
export class PlainReporter implements Reporter {
  private readonly log: StderrLog

  constructor(
    private readonly stdout: OutStream,
    stderr: OutStream,
  ) {
    this.log = new StderrLog((line) => stderr.write(`${line}\n`))
  }

  event(event: JobEvent): void {
    switch (event.type) {
      case 'files':
        this.log.failures(event.results)
        break
      case 'warning':
        this.log.warning(event.warning)
        break
      case 'started':
      case 'progress':
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
  }

  finish(summary: JobSummary): void {
    this.log.failures(summary.failures)
    this.stdout.write(`${summaryText(summary)}\n`)
  }

  refused(error: FerryErrorData): void {
    this.log.line(`ferry: ${error.message}`)
  }
}
