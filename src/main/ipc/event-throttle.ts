import type { FileResult, JobEvent } from '../../shared/job'

/** Forwards job events at a bounded rate. */
export interface EventThrottle {
  /** Takes one event from the engine; never throws. */
  push(event: JobEvent): void
  /** Stops the timer and drops anything pending (after the job ended it was already flushed). */
  dispose(): void
}

/**
 * Sends the renderer at most `hz` progress events and `hz` file batches a second, whatever the engine produces:
 * progress snapshots are coalesced (the newest wins) and `files` results are concatenated until the next tick.
 * Other events (`started`, `conflict`, `warning`, `finished`) pass at once, after any pending file results so the
 * renderer sees results in order; `finished` also flushes the last snapshot first.
 */
export function createEventThrottle(send: (event: JobEvent) => void, hz = 20): EventThrottle {
  const intervalMs = 1000 / hz
  let progress: Extract<JobEvent, { type: 'progress' }> | undefined
  let files: { jobId: string; results: FileResult[] } | undefined
  let lastTickAt = -Infinity
  let timer: NodeJS.Timeout | undefined

  const flushFiles = (): void => {
    if (!files) return
    const batch = files
    files = undefined
    send({ type: 'files', jobId: batch.jobId, results: batch.results })
  }

  const flushProgress = (): void => {
    if (!progress) return
    const event = progress
    progress = undefined
    send(event)
  }

  const tick = (): void => {
    timer = undefined
    lastTickAt = performance.now()
    flushFiles()
    flushProgress()
  }

  const schedule = (): void => {
    if (timer) return
    const wait = Math.max(0, lastTickAt + intervalMs - performance.now())
    timer = setTimeout(tick, wait)
  }

  return {
    push(event) {
      switch (event.type) {
        case 'progress':
          progress = event
          schedule()
          return
        case 'files':
          if (files && files.jobId !== event.jobId) flushFiles()
          files ??= { jobId: event.jobId, results: [] }
          // A loop, not push(...results): spreading a huge batch would overflow the call stack.
          for (const result of event.results) files.results.push(result)
          schedule()
          return
        case 'finished':
          flushFiles()
          flushProgress()
          send(event)
          return
        case 'started':
        case 'conflict':
        case 'warning':
          flushFiles()
          send(event)
          return
        default: {
          const unexpected: never = event
          return unexpected
        }
      }
    },
    dispose() {
      if (timer) clearTimeout(timer)
      timer = undefined
      progress = undefined
      files = undefined
    },
  }
}
