/**
 * Commit groups: "done" means on the disk. Workers leave finished files under their temporary names (`written`);
 * this gathers them into groups, bounded by bytes, files and age, and hands each group to a worker that makes it
 * durable (one `syncfs`, or `fdatasync` per file), renames its files to their final names and flushes their folders
 * (worker/commit.ts). Only then is a file settled as done. Owns the pending group, the groups in flight and the
 * bytes not yet on the disk (the "Writing to disk…" phase shows them).
 *
 * Cancel: files still in the pending group are removed and counted cancelled (they are not durable yet); a group
 * already committing finishes. Terminate: the pool is destroyed; a group cut off mid-commit is settled by looking at
 * what is where: a temporary file still there is removed (cancelled), a final name that exists is done.
 */
import fs from 'node:fs'
import { type BytePath, displayPath, fsPath } from './lib/byte-path'
import {
  type CommitEntry,
  type CommitOutcome,
  type CommitTask,
  type CopyItem,
  type ItemOutcome,
  sourceIdentity,
} from './protocol'

/**
 * Bounds of a group. Large enough that a `syncfs` per group costs little against the copy (one flush per second of
 * copying at most), small enough that little is lost to a crash and the final phase is short.
 */
const MAX_GROUP_BYTES = 256 * 1024 * 1024
// 5,000 files (was 20,000): the files waiting for a commit are what a sync job holds per file; 4 syncfs per
// 20,000 small files instead of 1 cost nothing measurable on a loop ext4 image (bench ext4-small: Ferry ÷
// `cp -a && sync` 1.76× (1.66–1.89) against 1.70× (1.59–1.77) before, on a busier machine).
const MAX_GROUP_FILES = 5_000
const MAX_GROUP_AGE_MS = 1000
/**
 * Backpressure: while this many files, or bytes, are written but not yet committed, no new copy task starts
 * ({@link CommitGroups.room}), so when copying outruns the flushes (many small files, a slow disk) sealed groups do
 * not pile up in memory. Peak RSS of a 1,000,000-file copy (tmpfs, sync): 266–274 MiB with 20,000-file groups and
 * no bound, 178 MiB with both (`--no-sync`: 134 MiB).
 */
const MAX_OUTSTANDING_FILES = 2 * MAX_GROUP_FILES
const MAX_OUTSTANDING_BYTES = 2 * MAX_GROUP_BYTES

interface Member {
  item: CopyItem
  entry: CommitEntry
  bytes: number
}

/** What the groups need from their job. */
export interface CommitHost {
  run(task: CommitTask): Promise<CommitOutcome[]>
  /** Settles an item whose bytes the tally already counted when it was written. */
  settle(item: CopyItem, outcome: ItemOutcome, bytes: number): void
  /** True once terminate was asked: a lost commit is then cancelled, not failed. */
  terminated(): boolean
  /** Move: each commit deletes its files' sources once they are durable (worker/move-source.ts). */
  move?: boolean
}

export class CommitGroups {
  private pending: Member[] = []
  private pendingBytes = 0
  private committingBytes = 0
  private committingFiles = 0
  private inFlight = 0
  private readonly roomWaiters: Array<() => void> = []
  private timer: NodeJS.Timeout | undefined
  /** While the job is paused nothing new is committed (nothing on the disk changes); resume commits what waits. */
  private paused = false

  constructor(private readonly host: CommitHost) {}

  /** True while any file is waiting for, or in, a commit: the job is in its "Writing to disk…" phase at the end. */
  get busy(): boolean {
    return this.pending.length > 0 || this.inFlight > 0
  }

  /**
   * Resolves once fewer than {@link MAX_OUTSTANDING_FILES} files and {@link MAX_OUTSTANDING_BYTES} bytes wait for or
   * are in a commit: the dispatcher awaits it before each copy task, so the walk and the copy wait for the disk.
   */
  room(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve()
    return new Promise((resolve) => this.roomWaiters.push(resolve))
  }

  private hasRoom(): boolean {
    return (
      this.pending.length + this.committingFiles < MAX_OUTSTANDING_FILES &&
      this.pendingBytes + this.committingBytes < MAX_OUTSTANDING_BYTES
    )
  }

  private wakeIfRoom(): void {
    while (this.roomWaiters.length > 0 && this.hasRoom()) this.roomWaiters.shift()!()
  }

  /** Bytes written but not yet durable under their final names. */
  get bytesToFlush(): number {
    return this.pendingBytes + this.committingBytes
  }

  /** A file finished under its temporary name. */
  add(item: CopyItem, entry: CommitEntry, bytes: number): void {
    this.pending.push({ item, entry, bytes })
    this.pendingBytes += bytes
    if (this.pendingBytes >= MAX_GROUP_BYTES || this.pending.length >= MAX_GROUP_FILES) this.seal()
    else this.timer ??= setTimeout(() => this.seal(), MAX_GROUP_AGE_MS)
  }

  /** Holds commits while the job is paused (a group already committing finishes). */
  pause(): void {
    this.paused = true
  }

  /** Ends {@link pause}: what waited is committed now. */
  resume(): void {
    this.paused = false
    if (this.pending.length > 0) this.seal()
  }

  /** Commits the pending group now (the copy work is over, or the group is full or old enough). */
  seal(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0 || this.paused) return
    const group = this.pending
    const bytes = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    this.inFlight++
    this.committingBytes += bytes
    this.committingFiles += group.length
    const done = (): void => {
      this.inFlight--
      this.committingBytes -= bytes
      this.committingFiles -= group.length
      this.wakeIfRoom()
    }
    const entries = this.host.move
      ? group.map((m) => ({ ...m.entry, source: sourceIdentity(m.item) }))
      : group.map((m) => m.entry)
    this.host.run({ kind: 'commit', entries }).then(
      (outcomes) => {
        done()
        for (const [i, outcome] of outcomes.entries()) this.settleCommitted(group[i]!, outcome)
      },
      async (error: unknown) => {
        const outcomes = await Promise.all(group.map((m) => this.lostCommit(m, error)))
        done()
        for (const [i, outcome] of outcomes.entries())
          this.host.settle(group[i]!.item, outcome, group[i]!.bytes)
      },
    )
  }

  /** Cancel: the files not committing yet are removed (not durable) and counted cancelled. */
  async discardPending(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    const group = this.pending
    this.pending = []
    this.pendingBytes = 0
    this.wakeIfRoom()
    await Promise.all(
      group.map((m) => fs.promises.rm(fsPath(m.entry.temp), { force: true }).catch(() => undefined)),
    )
    for (const m of group)
      this.host.settle(m.item, { id: m.item.id, status: 'cancelled', dst: m.entry.dst }, m.bytes)
  }

  private settleCommitted(member: Member, outcome: CommitOutcome): void {
    const { item, bytes } = member
    if (outcome.status === 'failed') {
      this.host.settle(
        item,
        { id: item.id, status: 'failed', dst: outcome.dst, bytes: 0, error: outcome.error },
        bytes,
      )
    } else {
      // The commit names the file only when it is not the entry's (a name appeared meanwhile); the entry's may
      // itself differ from the item's (keep both decided at copy time).
      const final = outcome.dst ?? member.entry.dst
      const done: ItemOutcome =
        final !== item.dst
          ? { id: item.id, status: 'done', dst: final, bytes }
          : member.entry.replace
            ? { id: item.id, status: 'done', bytes, replaced: true }
            : { id: item.id, status: 'done', bytes }
      if (outcome.moved) done.moved = true
      if (outcome.sourceKept) done.sourceKept = outcome.sourceKept
      this.host.settle(item, done, bytes)
    }
  }

  /** A group whose worker died or was destroyed mid-commit: each file is where the commit got it. */
  private async lostCommit(member: Member, error: unknown): Promise<ItemOutcome> {
    const { item, entry } = member
    const tempLeft = await exists(entry.temp)
    if (!tempLeft && (await exists(entry.dst))) return { id: item.id, status: 'done', bytes: member.bytes }
    await fs.promises.rm(fsPath(entry.temp), { force: true }).catch(() => undefined)
    if (this.host.terminated()) return { id: item.id, status: 'cancelled', dst: entry.dst }
    const detail = error instanceof Error ? error.message : String(error)
    const message = `Writing ${displayPath(entry.dst)} to disk failed: the worker stopped (${detail}). Nothing was left under its name; retry the file.`
    return {
      id: item.id,
      status: 'failed',
      dst: entry.dst,
      bytes: 0,
      error: { code: 'INTERNAL', message, path: displayPath(entry.dst) },
    }
  }
}

function exists(path: BytePath): Promise<boolean> {
  return fs.promises.lstat(fsPath(path)).then(
    () => true,
    () => false,
  )
}
