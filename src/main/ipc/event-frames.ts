/**
 * One frame per engine tick. The engine is the one owner of the event rate (its progress tick, `progressHz`); at
 * each tick it emits the finished files' results and a progress snapshot back to back. This gathers every event
 * emitted in one turn of the event loop and sends them together, so a renderer receives one IPC message or
 * WebSocket frame per tick however many kinds of event the tick carried. Nothing is coalesced away or reordered.
 */
import type { JobEvent } from '../../shared/job'

export interface EventFrames {
  /** Takes one event from the engine; never throws. */
  push(event: JobEvent): void
  /** Drops anything not yet sent (the job's last events were already flushed with `finished`). */
  dispose(): void
}

export function createEventFrames(send: (events: JobEvent[]) => void): EventFrames {
  let pending: JobEvent[] = []
  let scheduled: NodeJS.Immediate | undefined

  const flush = (): void => {
    scheduled = undefined
    const events = pending
    pending = []
    if (events.length > 0) send(events)
  }

  return {
    push(event) {
      pending.push(event)
      // `finished` is the last event of a job: send at once, so a caller awaiting `done` sees it delivered.
      if (event.type === 'finished') {
        if (scheduled) clearImmediate(scheduled)
        flush()
      } else scheduled ??= setImmediate(flush)
    },
    dispose() {
      if (scheduled) clearImmediate(scheduled)
      scheduled = undefined
      pending = []
    },
  }
}
