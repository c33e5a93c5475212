/**
 * Intake from the walk: turns walk entries into copy items and hands them to the batcher. Owns what the walk
 * leaves behind on the destination side: the folders this job created (their metadata is applied at the end; their
 * files need no conflict check), the folders that failed (their contents fail with the same reason), item ids, hard
 * links inside the source, and the free-space warning. Every file it accepts is opened in the tally.
 */
import fs from 'node:fs'
import type { FerryErrorData, JobOptions } from '../shared/job'
import type { Batcher } from './batcher'
import { type DirectoryMeta, makeDirectory } from './directories'
import type { PathFilter } from './filters'
import type { LimitChecker } from './fs-limits'
import type { HardLinks } from './hard-links'
import { baseName, type BytePath, displayPath, fsPath, parentPath } from './lib/byte-path'
import { spaceWarning } from './preflight'
import { removeStalePartials } from './stale-partials'
import type { CopyItem } from './protocol'
import type { JobJournal } from './journal'
import type { Tally } from './tally'
import { walk, type WalkEntry, type WalkRoot } from './walker'

/** What the walk leaves out (filters) and what the destination cannot hold (its filesystem's limits). */
export interface IntakeScope {
  filter?: PathFilter
  limits?: LimitChecker
}

/** What the intake needs from its job. */
export interface IntakeHost {
  readonly tally: Tally
  readonly batcher: Batcher
  readonly hardLinks: HardLinks
  warn(warning: FerryErrorData): void
  /** True once cancel or terminate was asked. */
  stopping(): boolean
  /** The resume journal, when the job has one: files an interrupted run finished are not copied again. */
  readonly journal?: JobJournal | undefined
}

export class Intake {
  /** Folders whose metadata is applied at the end, parents before children. */
  readonly directories: DirectoryMeta[] = []
  /** Move: the source folders whose destination exists, in walk order (breadth-first: parents first). */
  readonly sourceFolders: BytePath[] = []
  /** False when the walk was stopped early, so more files may exist than were counted. */
  scanComplete = false
  private nextId = 0
  private readonly failedDirectories = new Map<BytePath, FerryErrorData>()
  /** Folders this job created (empty when created): their files need no conflict check. */
  private readonly freshDirectories = new Set<BytePath>()
  private spaceWarned = false
  private readonly rootTargets: Set<BytePath>

  constructor(
    private readonly options: JobOptions,
    private readonly roots: WalkRoot[],
    private readonly freeBytes: number | undefined,
    private readonly host: IntakeHost,
    private readonly scope: IntakeScope = {},
  ) {
    this.rootTargets = new Set(roots.map((root) => root.target))
  }

  /** Walks the sources to the end (or until `signal` aborts), queueing items; waits while the queue is full. */
  async run(signal: AbortSignal): Promise<void> {
    // Once per distinct parent: 100,000 sources from one folder make one call, not 100,000.
    const parents = new Set(this.roots.map((r) => parentPath(r.target)))
    for (const parent of parents) {
      await fs.promises.mkdir(fsPath(parent), { recursive: true }).catch(() => undefined)
    }
    for await (const batch of walk(this.roots, signal, this.scope.filter)) {
      if (this.host.stopping()) return
      const items: CopyItem[] = []
      for (const entry of batch) {
        const item = await this.accept(entry)
        if (item) items.push(item)
      }
      if (items.length === 0) continue
      this.checkSpace()
      try {
        await this.host.batcher.put(items, signal)
      } catch {
        this.host.tally.neverStarted(items.length)
        return
      }
    }
    this.scanComplete = !this.host.stopping()
  }

  /** Handles one walk entry: creates folders, records early failures, turns files into items to copy. */
  private async accept(entry: WalkEntry): Promise<CopyItem | undefined> {
    if (entry.kind === 'excluded') {
      this.host.tally.excluded()
      return undefined
    }
    const parent = parentPath(entry.dst)
    const parentFailure = this.failedDirectories.get(parent)
    if (parentFailure) {
      if (entry.kind === 'directory') this.failedDirectories.set(entry.dst, parentFailure)
      else {
        const message = `${displayPath(entry.src)} was not copied because its destination folder ${displayPath(parent)} could not be created: ${parentFailure.message}`
        this.failEarly(entry, { code: parentFailure.code, message, path: displayPath(entry.src) })
      }
      return undefined
    }
    const beyond = entry.kind === 'error' ? undefined : this.beyondLimits(entry)
    if (beyond) {
      // A folder the destination cannot hold is not created; its contents fail with its reason.
      if (entry.kind === 'directory') this.failedDirectories.set(entry.dst, beyond)
      this.failEarly(entry, beyond)
      return undefined
    }
    switch (entry.kind) {
      case 'directory': {
        const made = await makeDirectory(entry, this.directories)
        if (made === 'created') this.freshDirectories.add(entry.dst)
        // A folder a killed run wrote into may hold its partial files: those whose writer is gone are removed.
        else if (made === 'merged') await removeStalePartials(entry.dst)
        else {
          this.failedDirectories.set(entry.dst, made)
          this.failEarly(entry, made)
          return undefined
        }
        if (this.options.move) this.sourceFolders.push(entry.src)
        return undefined
      }
      case 'error':
        this.failEarly(entry, entry.error)
        return undefined
      case 'file':
      case 'symlink': {
        const item: CopyItem = {
          id: this.nextId++,
          kind: entry.kind,
          src: entry.src,
          dst: entry.dst,
          name: entry.name,
          size: entry.size,
          fresh: this.freshDirectories.has(parent),
          meta: entry.kind === 'file' ? entry.meta : undefined,
          dev: entry.kind === 'file' ? entry.dev : 0,
          ino: entry.kind === 'file' ? entry.ino : 0,
        }
        // A second name of a file already being copied waits for the first copy, then becomes a link to it (no
        // bytes to copy). It is opened in the tally before the hard-link book may settle it.
        const linked = entry.kind === 'file' && entry.nlink > 1
        const follower = linked && this.host.hardLinks.isFollower(item)
        if (follower) item.size = 0
        this.host.tally.discovered(item.size)
        // Finished by the interrupted run this one resumes, and unchanged (hard-linked files are copied again: their
        // links are made from this run's copies).
        if (!linked && this.host.journal?.finished(item)) {
          this.host.tally.alreadyCopied(item)
          return undefined
        }
        if (follower) {
          this.host.hardLinks.hold(item)
          return undefined
        }
        return item
      }
    }
  }

  /** Why the destination's filesystem cannot hold `entry` (too large, a name it refuses, a case clash), if so. */
  private beyondLimits(
    entry: Exclude<WalkEntry, { kind: 'error' | 'excluded' }>,
  ): FerryErrorData | undefined {
    const limits = this.scope.limits
    if (!limits) return undefined
    const base = baseName(entry.dst)
    return limits.check(
      {
        kind: entry.kind,
        base: displayPath(base),
        baseBytes: base.length,
        parent: parentPath(entry.dst),
        pathBytes: entry.dst.length,
        source: displayPath(entry.src),
        size: entry.kind === 'directory' ? 0 : entry.size,
      },
      this.rootTargets.has(entry.dst),
    )
  }

  private failEarly(entry: Exclude<WalkEntry, { kind: 'excluded' }>, error: FerryErrorData): void {
    const kind = entry.kind === 'error' ? entry.what : entry.kind
    const { name, src, dst } = entry
    this.host.tally.failedEarly({ id: this.nextId++, name, src, dst, kind }, error)
  }

  private checkSpace(): void {
    const bytes = this.host.tally.bytes
    if (this.spaceWarned || this.freeBytes === undefined || bytes <= this.freeBytes) return
    this.spaceWarned = true
    this.host.warn(spaceWarning(this.options.destination, bytes, this.freeBytes, true))
  }
}
