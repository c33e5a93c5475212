/**
 * The `ask` policy: questions go to the job's `onConflict` hook one at a time (other files keep copying meanwhile),
 * and an "apply to all" answer becomes the standing answer for every later conflict.
 */
import type { ConflictAnswer, ConflictQuestion, JobEvent } from '../shared/job'
import type { JobHooks } from './api'
import type { CopyItem, ItemOutcome } from './protocol'

type Conflict = Extract<ItemOutcome, { status: 'conflict' }>

export class ConflictAsker {
  /** The "apply to all" choice, once given. */
  standing: ConflictAnswer['choice'] | undefined
  private chain = Promise.resolve()
  private seq = 0
  private readonly abort = new AbortController()

  constructor(
    private readonly jobId: string,
    private readonly hooks: JobHooks,
    private readonly emit: (event: JobEvent) => void,
  ) {}

  /**
   * Asks about `item` after the questions before it; `settle` gets the answer, or undefined when there is none
   * (the job stopped, or the asker failed): then the file is not copied.
   */
  ask(
    item: CopyItem,
    conflict: Conflict,
    settle: (answer: ConflictAnswer | undefined) => Promise<void>,
  ): void {
    this.chain = this.chain.then(async () => settle(await this.answer(item, conflict)))
  }

  /** Stops asking: the open question (if any) and the queued ones resolve with no answer. */
  stop(): void {
    this.abort.abort()
  }

  private async answer(item: CopyItem, conflict: Conflict): Promise<ConflictAnswer | undefined> {
    const signal = this.abort.signal
    if (signal.aborted) return undefined
    if (this.standing) return { choice: this.standing, applyToAll: true }
    if (!this.hooks.onConflict) return { choice: 'skip', applyToAll: false }
    const question: ConflictQuestion = {
      jobId: this.jobId,
      conflictId: this.seq++,
      name: item.name,
      source: { path: item.src, ...conflict.source },
      existing: { path: item.dst, ...conflict.existing },
    }
    this.emit({ type: 'conflict', question })
    // Cancel and terminate must not wait on an asker that ignores the signal.
    const aborted = new Promise<undefined>((resolve) =>
      signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    )
    try {
      const answer = await Promise.race([this.hooks.onConflict(question, signal), aborted])
      if (answer?.applyToAll) this.standing = answer.choice
      return answer
    } catch {
      return undefined
    }
  }
}
