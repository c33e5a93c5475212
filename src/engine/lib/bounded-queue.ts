/**
 * A FIFO queue with a size limit, for async producers and consumers on one thread: Python's
 * `multiprocessing.Queue(maxsize)` / `JoinableQueue` carried over to promises, timeouts and `AbortSignal`.
 *
 * The engine uses `put` (with a signal), `get`, `empty`/`getNowait` (topping up a batch without waiting), `close`
 * and `for await`. The rest — `putNowait`, timeouts, `qsize`/`full`, `taskDone`/`join` — is kept on purpose: it is
 * the whole of the seeds' Queue/JoinableQueue semantics (block/timeout, nowait, qsize/empty/full, close,
 * task_done/join; see ../shared/seeds), tested as such, and small. Python's `get(block=False)` is `getNowait()` or
 * `get({ timeoutMs: 0 })`; `task_done()` is `taskDone()`. Waiting is never an exception: only a refusal
 * (timeout, abort, closed) constructs an error.
 */

/** Thrown by `putNowait`, and by `put` when its timeout passes while the queue is still full. */
export class QueueFull extends Error {
  override readonly name = 'QueueFull'
  readonly code = 'QUEUE_FULL'
  constructor(message = 'The queue is full') {
    super(message)
  }
}

/** Thrown by `getNowait`, and by `get` when its timeout passes while the queue is still empty. */
export class QueueEmpty extends Error {
  override readonly name = 'QueueEmpty'
  readonly code = 'QUEUE_EMPTY'
  constructor(message = 'The queue is empty') {
    super(message)
  }
}

/** Thrown by every put once the queue is closed, and by gets once it is closed and drained. */
export class QueueClosed extends Error {
  override readonly name = 'QueueClosed'
  readonly code = 'QUEUE_CLOSED'
  constructor(message = 'The queue is closed') {
    super(message)
  }
}

/** Rejects a wait whose `AbortSignal` aborted; `cause` is the signal's reason (as Node's own `AbortError`). */
export class AbortError extends Error {
  override readonly name = 'AbortError'
  readonly code = 'ABORT_ERR'
  constructor(reason: unknown, message = 'The operation was aborted') {
    super(message, { cause: reason })
  }
}

/** How long a `put`, `get` or `join` may wait. */
export interface WaitOptions {
  /**
   * Milliseconds to wait before failing with `QueueFull` / `QueueEmpty`. `0` never waits (like the `*Nowait`
   * methods, but rejecting instead of throwing); omitted or `Infinity` waits without a limit.
   */
  timeoutMs?: number
  /** Aborting it stops the wait with an {@link AbortError}; the item is neither taken nor added. */
  signal?: AbortSignal
}

/** Node's setTimeout fires after 1 ms (with a warning) beyond this delay, so longer finite timeouts are refused. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1
const NONE: unique symbol = Symbol('none')

/** A pending `get`, `put` or `join`. Settling it also removes it from its wait list. */
interface Waiter<R> {
  resolve(value: R): void
  reject(error: Error): void
}
type Putter<T> = Waiter<void> & { readonly item: T }

/**
 * A FIFO queue holding at most `maxsize` items.
 *
 * Promises: items come out in the order they went in, and none is lost or duplicated. Waiting getters and putters
 * are served in arrival order: an item put while getters wait goes straight to the first of them, and an item got
 * while putters wait lets the first putter's item in. A wait that times out or aborts leaves the queue as if it had
 * never been made. Counts (`qsize`, `empty`, `full`) are exact. Settled waits leave no timer or listener behind.
 */
export class BoundedQueue<T> {
  readonly #items = new Fifo<T>()
  // Sets iterate in insertion order (arrival order) and delete in O(1), which an abort or timeout needs.
  readonly #getters = new Set<Waiter<T>>()
  readonly #putters = new Set<Putter<T>>()
  readonly #joiners = new Set<Waiter<void>>()
  /** Items handed to getters and not yet marked with `taskDone()`. */
  #inFlight = 0
  #closed = false

  /** @param maxsize the most items the queue holds: a positive integer, or `Infinity` for no limit. */
  constructor(readonly maxsize: number) {
    if (!(maxsize === Infinity || (Number.isInteger(maxsize) && maxsize > 0))) {
      throw new RangeError(
        `BoundedQueue maxsize must be a positive integer or Infinity, got ${String(maxsize)}`,
      )
    }
  }

  /** Items in the queue now (not counting those of waiting putters). */
  qsize(): number {
    return this.#items.length
  }

  /** True when no item is in the queue. */
  empty(): boolean {
    return this.#items.length === 0
  }

  /** True when the queue holds `maxsize` items. */
  full(): boolean {
    return this.#items.length >= this.maxsize
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closed
  }

  /** Adds `item` now, or throws `QueueFull` (or `QueueClosed`). */
  putNowait(item: T): void {
    if (this.#closed) throw new QueueClosed()
    if (!this.#offer(item)) throw new QueueFull(`The queue is full (maxsize ${this.maxsize})`)
  }

  /**
   * Adds `item`, waiting while the queue is full. Rejects with `QueueFull` on timeout, {@link AbortError} on abort,
   * `QueueClosed` if the queue is or becomes closed; in each of those cases the item was not added.
   */
  put(item: T, options: WaitOptions = {}): Promise<void> {
    const { timeoutMs, signal } = options
    // The fast paths construct no error: a full queue is the normal case of backpressure, not an exception.
    try {
      checkTimeout(timeoutMs)
    } catch (error) {
      return Promise.reject(error as Error)
    }
    if (signal?.aborted) return Promise.reject(new AbortError(signal.reason))
    if (this.#closed) return Promise.reject(new QueueClosed())
    if (this.#offer(item)) return Promise.resolve()
    if (timeoutMs === 0) return Promise.reject(new QueueFull(`The queue is full (maxsize ${this.maxsize})`))
    const timedOut = () => new QueueFull(`put timed out after ${timeoutMs} ms: the queue is full`)
    return wait(this.#putters, (waiter) => ({ ...waiter, item }), { timeoutMs, signal, timedOut })
  }

  /** Removes and returns the oldest item now, or throws `QueueEmpty` (`QueueClosed` once closed and drained). */
  getNowait(): T {
    const item = this.#take()
    if (item !== NONE) return item
    throw this.#closed ? new QueueClosed('The queue is closed and drained') : new QueueEmpty()
  }

  /**
   * Removes and returns the oldest item, waiting while the queue is empty. Rejects with `QueueEmpty` on timeout,
   * {@link AbortError} on abort, `QueueClosed` once the queue is closed and drained; then no item was taken.
   */
  get(options: WaitOptions = {}): Promise<T> {
    const { timeoutMs, signal } = options
    try {
      checkTimeout(timeoutMs)
    } catch (error) {
      return Promise.reject(error as Error)
    }
    if (signal?.aborted) return Promise.reject(new AbortError(signal.reason))
    const item = this.#take()
    if (item !== NONE) return Promise.resolve(item)
    if (this.#closed) return Promise.reject(new QueueClosed('The queue is closed and drained'))
    if (timeoutMs === 0) return Promise.reject(new QueueEmpty())
    const timedOut = () => new QueueEmpty(`get timed out after ${timeoutMs} ms: the queue is empty`)
    return wait(this.#getters, (waiter) => waiter, { timeoutMs, signal, timedOut })
  }

  /**
   * Refuses further puts; waiting putters reject with `QueueClosed`. Getters still receive the items left, then
   * reject with `QueueClosed` (and async iteration ends), so consumers need no sentinel. Idempotent.
   */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const putter of [...this.#putters]) putter.reject(new QueueClosed())
    // Getters only wait on an empty queue, so every one of them would now see "closed and drained".
    for (const getter of [...this.#getters]) getter.reject(new QueueClosed('The queue is closed and drained'))
  }

  /**
   * Marks one got item as processed (`JoinableQueue.task_done`). Throws `RangeError` when every got item is
   * already marked, since that means a consumer counts wrong.
   */
  taskDone(): void {
    if (this.#inFlight === 0) throw new RangeError('taskDone() called more times than items were got')
    this.#inFlight--
    if (this.#unfinished() === 0) for (const joiner of [...this.#joiners]) joiner.resolve()
  }

  /**
   * Resolves once every item put so far has been got and marked with `taskDone()` (at once if none is
   * outstanding). Items left in a closed queue that nobody gets keep it waiting, as in Python.
   */
  join(options: Pick<WaitOptions, 'signal'> = {}): Promise<void> {
    const { signal } = options
    if (signal?.aborted) return Promise.reject(new AbortError(signal.reason))
    if (this.#unfinished() === 0) return Promise.resolve()
    return wait(this.#joiners, (waiter) => waiter, { signal })
  }

  /**
   * Yields items in order until the queue is closed and drained. Several loops may share one queue: each item goes
   * to exactly one of them. Does not call `taskDone()`.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      let item: T
      try {
        item = await this.get()
      } catch (error) {
        if (error instanceof QueueClosed) return
        throw error
      }
      yield item
    }
  }

  #unfinished(): number {
    return this.#items.length + this.#inFlight
  }

  /** Hands `item` to the first waiting getter, or stores it if there is room; false when full. */
  #offer(item: T): boolean {
    const getter = first(this.#getters)
    if (getter) {
      this.#inFlight++
      getter.resolve(item)
      return true
    }
    // Putters wait only while the queue is full, so if there is room, none is waiting to go first.
    if (this.#items.length >= this.maxsize) return false
    this.#items.push(item)
    return true
  }

  /** Removes the oldest item, letting the first waiting putter's item in behind the others. */
  #take(): T | typeof NONE {
    if (this.#items.length === 0) return NONE
    const item = this.#items.shift()
    this.#inFlight++
    const putter = first(this.#putters)
    if (putter) {
      this.#items.push(putter.item)
      putter.resolve()
    }
    return item
  }
}

/** Rejects timeouts that setTimeout cannot honour, before anything changes. */
function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs === undefined || timeoutMs === Infinity) return
  if (!(timeoutMs >= 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new RangeError(
      `timeoutMs must be between 0 and ${MAX_TIMEOUT_MS}, or Infinity to wait without a limit; got ${timeoutMs}`,
    )
  }
}

/**
 * Adds a waiter to `waiters` until it is settled by the queue, its timeout or its signal, whichever comes first;
 * settling removes it from the list and clears the timer and the abort listener.
 */
function wait<R, W extends Waiter<R>>(
  waiters: Set<W>,
  build: (waiter: Waiter<R>) => W,
  { timeoutMs, signal, timedOut }: WaitOptions & { timedOut?: () => Error },
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const cleanup = () => {
      waiters.delete(waiter)
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    const waiter = build({
      resolve(value) {
        cleanup()
        resolve(value)
      },
      reject(error) {
        cleanup()
        reject(error)
      },
    })
    const onAbort = () => waiter.reject(new AbortError(signal?.reason))
    waiters.add(waiter)
    if (timedOut && timeoutMs !== undefined && timeoutMs !== Infinity) {
      timer = setTimeout(() => waiter.reject(timedOut()), timeoutMs)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function first<W>(waiters: Set<W>): W | undefined {
  return waiters.values().next().value
}

/** An array used as a FIFO: `shift()` advances an index instead of moving every element. */
class Fifo<T> {
  #items: Array<T | undefined> = []
  #head = 0

  get length(): number {
    return this.#items.length - this.#head
  }

  push(item: T): void {
    this.#items.push(item)
  }

  /** The caller checks `length` first. */
  shift(): T {
    const item = this.#items[this.#head] as T
    this.#items[this.#head++] = undefined // let the item be collected
    if (this.#head === this.#items.length) {
      this.#items = []
      this.#head = 0
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return item
  }
}
