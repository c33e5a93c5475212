/**
 * The finished / failed / skipped files of the current run, kept outside React in columns: one string (the
 * name) and a few typed-array slots per file, plus full records only for failures. Appending a batch costs its
 * own size, never a copy of what came before, so 100,000 or 1,000,000 results stay cheap; React reads it through
 * `useSyncExternalStore` with {@link ResultStore.getVersion} as the snapshot.
 */
import type { FerryErrorData, FileResult, FileStatus, SkipReason } from '../../../shared/job'
import { basename } from '../lib/paths'

/** Which rows a list shows. */
export type ResultFilter = 'all' | FileStatus

/** One row as the list shows it. */
export interface ResultRow {
  index: number
  name: string
  size: number
  kind: FileResult['kind']
  status: FileStatus
  error?: FerryErrorData
  skipReason?: SkipReason
  /** The name the copy got when it differs from the source's ("report (1).pdf" for "Keep both"). */
  savedAs?: string
  /** What was done to a `done` file (copied, replaced, kept both under a new name, …); absent from old engines. */
  action?: FileAction
}

/** What was done to a copied file (see `FileResult.action`). */
export type FileAction = NonNullable<FileResult['action']>

const STATUSES: readonly FileStatus[] = ['done', 'failed', 'skipped', 'cancelled']
const STATUS_CODE: Record<FileStatus, number> = { done: 0, failed: 1, skipped: 2, cancelled: 3 }
// `special` (a named pipe, socket or device) is listed as well as the kinds every engine version sends.
const KINDS = ['file', 'symlink', 'directory', 'special'] as const
// Bits 4-6 of a row's flags: 0 is "not said", then the actions in this order.
const ACTIONS: readonly FileAction[] = ['copied', 'replaced', 'renamed', 'moved']

/** An append-only Int32/Float64 column that doubles its buffer as it grows. */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0
  constructor(
    private data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }
  at(i: number): number {
    return this.data[i]!
  }
}

const int32 = (n: number): Int32Array => new Int32Array(n)
const float64 = (n: number): Float64Array => new Float64Array(n)
const uint8 = (n: number): Uint8Array => new Uint8Array(n)

/** The compact results store. Not thread-safe (there is one renderer thread). */
export class ResultStore {
  private names: string[] = []
  private sizes = new Column(float64(1024), float64)
  private flags = new Column(uint8(1024), uint8)
  private byStatus = new Map<FileStatus, Column<Int32Array>>()
  private skipReasons = new Map<number, SkipReason>()
  private errors = new Map<number, FerryErrorData>()
  private savedAs = new Map<number, string>()
  private failed: FileResult[] = []
  private cancelled: FileResult[] = []
  private version = 0
  private listeners = new Set<() => void>()

  constructor() {
    this.resetColumns()
  }

  /** Rows stored. */
  get length(): number {
    return this.names.length
  }

  /** Adds a batch of results and notifies subscribers once. */
  append(results: readonly FileResult[]): void {
    if (results.length === 0) return
    for (const result of results) {
      const index = this.names.length
      this.names.push(result.name)
      this.sizes.push(result.size)
      const action = result.action ? ACTIONS.indexOf(result.action) + 1 : 0
      this.flags.push(
        STATUS_CODE[result.status] | (Math.max(0, KINDS.indexOf(result.kind)) << 2) | (action << 4),
      )
      this.byStatus.get(result.status)!.push(index)
      if (result.skipReason) this.skipReasons.set(index, result.skipReason)
      if (result.error) this.errors.set(index, result.error)
      if (result.status === 'failed') this.failed.push(result)
      else if (result.status === 'cancelled') this.cancelled.push(result)
      else if (result.status === 'done') {
        const saved = basename(result.dst)
        if (saved !== basename(result.src)) this.savedAs.set(index, saved)
      }
    }
    this.changed()
  }

  /** Forgets every row (a new run begins) and notifies subscribers. */
  clear(): void {
    this.names = []
    this.sizes = new Column(float64(1024), float64)
    this.flags = new Column(uint8(1024), uint8)
    this.resetColumns()
    this.skipReasons.clear()
    this.errors.clear()
    this.savedAs.clear()
    this.failed = []
    this.cancelled = []
    this.changed()
  }

  /** Rows matching `filter`. */
  count(filter: ResultFilter): number {
    return filter === 'all' ? this.names.length : this.byStatus.get(filter)!.length
  }

  /** The store index of the `n`-th row matching `filter` (0-based, n < count(filter)). */
  indexAt(filter: ResultFilter, n: number): number {
    return filter === 'all' ? n : this.byStatus.get(filter)!.at(n)
  }

  /** The row at store index `index`, built on demand (only visible rows are ever built). */
  row(index: number): ResultRow {
    const flags = this.flags.at(index)
    const row: ResultRow = {
      index,
      name: this.names[index]!,
      size: this.sizes.at(index),
      kind: KINDS[(flags >> 2) & 3]! as FileResult['kind'],
      status: STATUSES[flags & 3]!,
    }
    const error = this.errors.get(index)
    if (error) row.error = error
    const skipReason = this.skipReasons.get(index)
    if (skipReason) row.skipReason = skipReason
    const savedAs = this.savedAs.get(index)
    if (savedAs !== undefined) row.savedAs = savedAs
    const action = ACTIONS[(flags >> 4) - 1]
    if (action) row.action = action
    return row
  }

  /** Every failed result in arrival order, with source and destination (what "Retry failed" needs). */
  failures(): readonly FileResult[] {
    return this.failed
  }

  /** Every file stopped mid-copy (cancel/terminate), with source and destination (what "Copy the rest" needs). */
  stopped(): readonly FileResult[] {
    return this.cancelled
  }

  /** A number that changes whenever the rows do (the `useSyncExternalStore` snapshot). */
  getVersion = (): number => this.version

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private resetColumns(): void {
    for (const status of STATUSES) this.byStatus.set(status, new Column(int32(256), int32))
  }

  private changed(): void {
    this.version++
    for (const listener of this.listeners) listener()
  }
}
