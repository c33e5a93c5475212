/**
 * Between the walk and the pool: owns the bounded work queue (walk batches, and items sent back after a conflict
 * answer) and the items taken off it but not yet in a task, and cuts them into pool tasks — a large file alone,
 * small files together (amortising the tens of µs a pool task costs). The queue's bound is the walk's backpressure.
 */
import { BoundedQueue } from './lib/bounded-queue'
import { type CopyItem, MAX_BATCH_ITEMS } from './protocol'

/** Small files share a task up to this many bytes (see README, "Benchmark"). */
const BATCH_BYTES = 8 * 1024 * 1024
/** Files at least this large get a task of their own, so both threads stay busy on a few big files. */
const LARGE_FILE = 2 * 1024 * 1024
/** In walk batches of up to 64 items. */
const WORK_QUEUE_SIZE = 64

export class Batcher {
  private readonly work = new BoundedQueue<CopyItem[]>(WORK_QUEUE_SIZE)
  /** Items taken off the work queue, not yet in a task. */
  private ready: CopyItem[] = []

  /** Queues items, waiting while the queue is full. Rejects when closed or `signal` aborts. */
  put(items: CopyItem[], signal?: AbortSignal): Promise<void> {
    return this.work.put(items, signal ? { signal } : {})
  }

  /**
   * The next task's items: waits for work; resolves undefined once the queue is closed and drained. A large file
   * alone, or small files together up to {@link MAX_BATCH_ITEMS} items or {@link BATCH_BYTES}, topped up from the
   * queue without waiting.
   */
  async next(): Promise<CopyItem[] | undefined> {
    if (this.ready.length === 0) {
      try {
        this.ready = await this.work.get()
      } catch {
        return undefined // closed and drained
      }
    }
    const first = this.ready[0]!
    if (first.size >= LARGE_FILE) return this.ready.splice(0, 1)
    let count = 0
    let bytes = 0
    for (;;) {
      if (count === this.ready.length) {
        if (this.work.empty()) break
        this.ready.push(...this.work.getNowait())
      }
      const item = this.ready[count]!
      if (item.size >= LARGE_FILE || count >= MAX_BATCH_ITEMS || bytes >= BATCH_BYTES) break
      bytes += item.size
      count++
    }
    return this.ready.splice(0, count)
  }

  /** Removes everything queued (cancel, terminate) and returns it: these items will not start. */
  drain(): CopyItem[] {
    const items = this.ready
    this.ready = []
    while (!this.work.empty()) for (const item of this.work.getNowait()) items.push(item)
    return items
  }

  /** No more work: a waiting {@link next} resolves undefined once the queue is drained; puts reject. */
  close(): void {
    this.work.close()
  }
}
