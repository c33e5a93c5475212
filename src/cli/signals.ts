/**
 * Ctrl-C and friends. Each signal escalates one step: the first Ctrl-C cancels gracefully (files in flight stop at
 * their next chunk boundary, partial files are removed, finished files stay), the second terminates (threads destroyed
 * at once, partial files removed), a third exits the process immediately as a last resort. SIGTERM and SIGHUP go
 * straight to terminate: whoever sends them wants the process gone soon, and a closed terminal can't press Ctrl-C twice.
 */
import type { CopyJob } from '../engine'
import type { SignalNotice } from './render/reporter'

export type HandledSignal = SignalNotice['signal']

/** Where signals come from (`process`, or an EventEmitter in tests). */
export interface SignalSource {
  on(signal: HandledSignal, listener: () => void): unknown
  off(signal: HandledSignal, listener: () => void): unknown
}

/** Exit status for a job stopped by `signal`: 128 + its number, as shells report it. */
export const SIGNAL_EXIT_CODES: Record<HandledSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }

type Level = 'none' | 'cancel' | 'terminate' | 'exit'

const MESSAGES: Record<Exclude<Level, 'none'>, string> = {
  cancel:
    'cancelling: files in flight stop at their next chunk and their partial files are removed; ' +
    'finished files stay. Press Ctrl-C again to stop at once.',
  terminate: 'stopping at once: copy threads stopped, removing partial files.',
  exit: 'exiting immediately; temporary *.ferry-partial files may remain.',
}

/** Turns signals into job control and remembers which signal stopped the job (for the exit code). */
export class SignalHandler {
  private level: Level = 'none'
  private job: CopyJob | undefined
  /** The first signal that stopped the job, if any. */
  firstSignal: HandledSignal | undefined
  private readonly listeners: Array<[HandledSignal, () => void]>

  constructor(
    private readonly source: SignalSource,
    private readonly notify: (notice: SignalNotice) => void,
    private readonly forceExit: (code: number) => void,
  ) {
    this.listeners = [
      ['SIGINT', () => this.receive('SIGINT')],
      ['SIGTERM', () => this.receive('SIGTERM')],
      ['SIGHUP', () => this.receive('SIGHUP')],
    ]
    for (const [signal, listener] of this.listeners) source.on(signal, listener)
  }

  /** The job now running; a stop requested before it existed is applied to it at once. */
  attach(job: CopyJob): void {
    this.job = job
    this.apply()
  }

  dispose(): void {
    for (const [signal, listener] of this.listeners) this.source.off(signal, listener)
  }

  private receive(signal: HandledSignal): void {
    this.firstSignal ??= signal
    const next: Level =
      this.level === 'terminate' || this.level === 'exit'
        ? 'exit'
        : signal === 'SIGINT' && this.level === 'none'
          ? 'cancel'
          : 'terminate'
    this.level = next
    this.notify({ signal, action: next, message: MESSAGES[next] })
    if (next === 'exit') this.forceExit(SIGNAL_EXIT_CODES[this.firstSignal])
    else this.apply()
  }

  private apply(): void {
    const job = this.job
    if (!job) return
    // cancel()/terminate() resolve with the summary that job.done also delivers; errors surface there too.
    if (this.level === 'cancel') void job.cancel().catch(() => undefined)
    else if (this.level === 'terminate') void job.terminate().catch(() => undefined)
  }
}
