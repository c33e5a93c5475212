/**
 * A job's books: counts, bytes, the results not yet sent, and the failures kept for the summary. Memory is bounded:
 * results leave with each `files` event, and the summary keeps at most {@link MAX_FAILURES_IN_SUMMARY} failures.
 */
import type { FerryErrorData, FileResult } from '../shared/job'
import { MAX_FAILURES_IN_SUMMARY } from '../shared/job'
import { accountedBytes, type CopyItem, copiedBytes, type ItemOutcome } from './protocol'

export class Tally {
  files = 0
  bytes = 0
  done = 0
  failed = 0
  skipped = 0
  cancelled = 0
  notStarted = 0
  /** Bytes accounted for (see `ProgressSnapshot.bytesDone`). */
  accounted = 0
  /** Bytes really written. */
  copied = 0
  readonly failures: FileResult[] = []
  private pending: FileResult[] = []

  /** @param results `problems` leaves copied files out of the results (a CLI counts them; a file list needs them). */
  constructor(private readonly results: 'all' | 'problems' = 'all') {}

  /** A file or symlink found by the walk. */
  discovered(size: number): void {
    this.files++
    this.bytes += size
  }

  /**
   * Counts a worker's outcome for `item` and records its result. Returns false for a conflict, which is not
   * settled yet (it comes back after the user's answer).
   */
  settle(item: CopyItem, outcome: ItemOutcome): boolean {
    this.accounted += accountedBytes(outcome, item.size)
    this.copied += copiedBytes(outcome)
    const base = { id: item.id, name: item.name, src: item.src, size: item.size, kind: item.kind }
    switch (outcome.status) {
      case 'done':
        this.done++
        if (this.results === 'all') {
          this.record({ ...base, dst: outcome.dst ?? item.dst, size: outcome.bytes, status: 'done' })
        }
        return true
      case 'skipped':
        this.skipped++
        this.record({ ...base, dst: outcome.dst, status: 'skipped', skipReason: outcome.reason })
        return true
      case 'failed':
        this.failed++
        this.record({ ...base, dst: outcome.dst, status: 'failed', error: outcome.error })
        return true
      case 'cancelled':
        this.cancelled++
        this.record({ ...base, dst: outcome.dst, status: 'cancelled' })
        return true
      case 'not-started':
        this.notStarted++
        return true
      case 'conflict':
        return false
    }
  }

  /** The user answered "skip" to a conflict about `item`. */
  userSkipped(item: CopyItem): void {
    this.skipped++
    this.accounted += item.size
    const { id, name, src, dst, size, kind } = item
    this.record({ id, name, src, dst, size, kind, status: 'skipped', skipReason: 'user-skipped' })
  }

  /** Something the walk found that fails before reaching a worker (unreadable folder, a FIFO, …). */
  failedEarly(entry: Pick<FileResult, 'name' | 'src' | 'dst' | 'kind'>, error: FerryErrorData): void {
    this.files++
    this.failed++
    this.record({ id: -1, size: 0, ...entry, status: 'failed', error })
  }

  /** Results recorded since the last call. */
  takeResults(): FileResult[] {
    const results = this.pending
    this.pending = []
    return results
  }

  private record(result: FileResult): void {
    this.pending.push(result)
    if (result.status === 'failed' && this.failures.length < MAX_FAILURES_IN_SUMMARY)
      this.failures.push(result)
  }
}
