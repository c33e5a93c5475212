/**
 * A job's books: what was found, what is still open (found but not settled), what each settled item came to, the
 * results not yet sent, and the failures kept for the summary. Every count a job ends on lives here, and only here
 * are items opened and settled. Memory is bounded: results leave with each `files` event, and the summary keeps at
 * most {@link MAX_FAILURES_IN_SUMMARY} failures.
 */
import type { FerryErrorData, FileResult } from '../shared/job'
import { MAX_FAILURES_IN_SUMMARY } from '../shared/job'
import { type BytePath, displayPath } from './lib/byte-path'
import { accountedBytes, type CopyItem, copiedBytes, type ItemOutcome } from './protocol'
import type { EntryKind } from './walker'

/** What {@link Tally.failedEarly} needs of a walk entry. */
export interface EarlyFailure {
  id: number
  name: string
  src: BytePath
  dst: BytePath
  kind: EntryKind
}

export class Tally {
  files = 0
  bytes = 0
  done = 0
  /** Move: done files whose source is gone. */
  moved = 0
  failed = 0
  skipped = 0
  cancelled = 0
  notStarted = 0
  /** Entries the filters left out (not part of {@link files}). */
  excludedEntries = 0
  /** Bytes accounted for (see `ProgressSnapshot.bytesDone`). */
  accounted = 0
  /** Bytes really written. */
  copied = 0
  readonly failures: FileResult[] = []
  private pending: FileResult[] = []
  private openItems = 0

  /** @param results `problems` leaves copied files out of the results (a CLI counts them; a file list needs them). */
  constructor(private readonly results: 'all' | 'problems' = 'all') {}

  /** Items found and not yet settled: the job cannot end while any is open. */
  get open(): number {
    return this.openItems
  }

  /** A file or symlink found by the walk, to be copied: it stays open until settled. */
  discovered(size: number): void {
    this.files++
    this.bytes += size
    this.openItems++
  }

  /**
   * Counts a worker's outcome for `item` and records its result. Returns false for an item that stays open: a
   * conflict (it comes back after the user's answer) or a file `written` under its temporary name (its bytes count
   * now; it is settled when its commit group is durable, with `counted` = those bytes).
   */
  settle(item: CopyItem, outcome: ItemOutcome, counted = 0): boolean {
    if (outcome.status === 'conflict') return false
    if (outcome.status === 'written') {
      this.accounted += outcome.bytes
      this.copied += outcome.bytes
      return false
    }
    this.openItems--
    this.accounted += accountedBytes(outcome, item.size) - counted
    this.copied += copiedBytes(outcome) - counted
    switch (outcome.status) {
      case 'done':
        this.done++
        if (outcome.moved) this.moved++
        if (this.results === 'all') {
          const action = outcome.moved
            ? 'moved'
            : outcome.dst
              ? 'renamed'
              : outcome.replaced
                ? 'replaced'
                : 'copied'
          this.record(item, { dst: outcome.dst ?? item.dst, size: outcome.bytes, status: 'done', action })
        }
        return true
      case 'skipped':
        this.skipped++
        this.record(item, { dst: outcome.dst, status: 'skipped', skipReason: outcome.reason })
        return true
      case 'failed':
        this.failed++
        this.record(item, { dst: outcome.dst, status: 'failed', error: outcome.error })
        return true
      case 'cancelled':
        this.cancelled++
        this.record(item, { dst: outcome.dst, status: 'cancelled' })
        return true
      case 'not-started':
        this.notStarted++
        return true
    }
  }

  /** The user answered "skip" to a conflict about `item`. */
  userSkipped(item: CopyItem): void {
    this.openItems--
    this.skipped++
    this.accounted += item.size
    this.record(item, { dst: item.dst, status: 'skipped', skipReason: 'user-skipped' })
  }

  /** An interrupted run of this job finished `item` and nothing changed since (resume journal): not copied again. */
  alreadyCopied(item: CopyItem): void {
    this.openItems--
    this.skipped++
    this.accounted += item.size
    this.record(item, { dst: item.dst, status: 'skipped', skipReason: 'already-copied' })
  }

  /** The walk left an entry out (filters): counted apart, never opened. */
  excluded(): void {
    this.excludedEntries++
  }

  /** `count` open items will not start (cancel, terminate, a closed queue). */
  neverStarted(count: number): void {
    this.openItems -= count
    this.notStarted += count
  }

  /** Something the walk found that fails before reaching a worker (unreadable folder, a FIFO, …). */
  failedEarly(entry: EarlyFailure, error: FerryErrorData): void {
    this.files++
    this.failed++
    const { id, name, src, dst } = entry
    const kind = entry.kind === 'special' ? 'special' : entry.kind
    this.push({
      id,
      name,
      src: displayPath(src),
      dst: displayPath(dst),
      size: 0,
      kind,
      status: 'failed',
      error,
    })
  }

  /** Results recorded since the last call. */
  takeResults(): FileResult[] {
    const results = this.pending
    this.pending = []
    return results
  }

  private record(
    item: CopyItem,
    result: Pick<FileResult, 'status' | 'error' | 'skipReason' | 'action'> & { dst: BytePath; size?: number },
  ): void {
    const { id, name, src, kind } = item
    const { status, error, skipReason, action } = result
    const out: FileResult = {
      id,
      name,
      src: displayPath(src),
      dst: displayPath(result.dst),
      size: result.size ?? item.size,
      kind,
      status,
    }
    if (error) out.error = error
    if (skipReason) out.skipReason = skipReason
    if (action) out.action = action
    this.push(out)
  }

  private push(result: FileResult): void {
    this.pending.push(result)
    if (result.status === 'failed' && this.failures.length < MAX_FAILURES_IN_SUMMARY)
      this.failures.push(result)
  }
}
