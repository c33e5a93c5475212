import type { PowerSaveBlocker } from 'electron'
import type { JobEvent } from '../../shared/job'

/** The part of Electron's `powerSaveBlocker` used (tests pass a stand-in). */
export type PowerSaveBlockerLike = Pick<PowerSaveBlocker, 'start' | 'stop'>

/** Keeps the system awake while a job runs. */
export interface SleepInhibitor {
  /** Follows the job events: a `started` job holds the system awake until its `finished`. */
  observe(event: JobEvent): void
  /** Lets the system sleep again whatever runs (on quit). */
  release(): void
  /** True while the blocker is held. */
  readonly holding: boolean
}

/**
 * Holds one `prevent-app-suspension` blocker while any job runs and stops it when none does, so a long copy is not
 * cut by the system going to sleep (the display may still turn off: `prevent-display-sleep` would be too much for
 * a copy). Counting jobs by id keeps it right when several run or their events interleave.
 */
export function createSleepInhibitor(blocker: PowerSaveBlockerLike): SleepInhibitor {
  const running = new Set<string>()
  let id: number | undefined
  const update = (): void => {
    if (running.size > 0 && id === undefined) id = blocker.start('prevent-app-suspension')
    else if (running.size === 0 && id !== undefined) {
      blocker.stop(id)
      id = undefined
    }
  }
  return {
    observe(event) {
      if (event.type === 'started') running.add(event.jobId)
      else if (event.type === 'finished') running.delete(event.summary.jobId)
      else return
      update()
    },
    release() {
      running.clear()
      update()
    },
    get holding() {
      return id !== undefined
    },
  }
}
