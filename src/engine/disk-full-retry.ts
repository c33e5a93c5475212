/**
 * A second chance for files that failed because the disk was full (issue 12 #18). While several files are written at
 * once, a large one can fill the disk for a moment: every small file written in that moment fails with DISK_FULL,
 * then the large one fails too and its partial goes, and the space is free again. So a DISK_FULL failure is held
 * rather than settled; once nothing is in flight (no partial is growing), the held files are tried once more,
 * smallest first, as many as the free space holds, and the rest fail with their first error. A file is retried
 * once, so a disk that really is full ends the job as before.
 */
import fs from 'node:fs'
import { fsPath, parentPath } from './lib/byte-path'
import type { CopyItem, ItemOutcome } from './protocol'

type Failed = Extract<ItemOutcome, { status: 'failed' }>

/** What each retried file may need beyond its bytes: a block for its last partial block, one for its entry. */
const blockSlack = (size: number, block: number): number => Math.ceil(size / block) * block + block

export class DiskFullRetry {
  private held: { item: CopyItem; outcome: Failed }[] = []
  private readonly retried = new Set<number>()

  /** Files waiting for their second try. */
  get size(): number {
    return this.held.length
  }

  /** Keeps a DISK_FULL failure for a second try; false when it is another failure or its second one. */
  hold(item: CopyItem, outcome: ItemOutcome): boolean {
    if (outcome.status !== 'failed' || outcome.error.code !== 'DISK_FULL' || this.retried.has(item.id))
      return false
    this.held.push({ item, outcome })
    return true
  }

  /**
   * Takes the held files: those that fit the destination's free space now, smallest first (to be queued again), and
   * the others with their first failure (to be settled).
   */
  take(): { retry: CopyItem[]; fail: { item: CopyItem; outcome: Failed }[] } {
    const held = this.held.sort((a, b) => a.item.size - b.item.size)
    this.held = []
    let budget = 0
    let block = 4096
    try {
      const stats = fs.statfsSync(fsPath(parentPath(held[0]!.item.dst)))
      block = stats.bsize
      budget = stats.bavail * stats.bsize
    } catch {
      // The destination's folder cannot be asked: nothing is retried, every file keeps its first failure.
    }
    const retry: CopyItem[] = []
    const fail: { item: CopyItem; outcome: Failed }[] = []
    for (const entry of held) {
      const need = blockSlack(entry.item.size, block)
      if (need <= budget && fail.length === 0) {
        budget -= need
        this.retried.add(entry.item.id)
        retry.push(entry.item)
      } else fail.push(entry)
    }
    return { retry, fail }
  }

  /** Cancel, terminate: every held file keeps its failure. */
  drain(): { item: CopyItem; outcome: Failed }[] {
    const held = this.held
    this.held = []
    return held
  }
}
