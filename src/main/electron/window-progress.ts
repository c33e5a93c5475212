import type { JobEvent, JobSummary, ProgressSnapshot } from '../../shared/job'
import { outcomeOf } from '../../shared/job-outcome'
import type { Translate } from './main-i18n'

/** What the window shows for a job: its title and taskbar/dock progress (`progress` -1 removes the bar). */
export interface WindowProgress {
  title: string
  progress: number
  mode: 'none' | 'normal' | 'indeterminate' | 'paused' | 'error'
}

const APP_NAME = 'Ferry'

/** Less than 1 until the job has ended: a bar at 100 % while files are still being flushed would be a lie. */
const BELOW_DONE = 0.999

function whileRunning(t: Translate, p: ProgressSnapshot, fraction: number, percent: number): WindowProgress {
  const app = APP_NAME
  // Totals still grow while the walk counts, so a percentage would run backwards (issue 12): no figure yet.
  if (p.scanning) return { title: t('main.window.counting', { app }), progress: 2, mode: 'indeterminate' }
  switch (p.phase) {
    case 'syncing':
      // "Writing to disk…": the bytes are written, not yet durable. The bar moves on, it does not sit at 100 %.
      return { title: t('main.window.syncing', { app }), progress: 2, mode: 'indeterminate' }
    case 'verifying':
      return { title: t('main.window.verifying', { app }), progress: fraction, mode: 'normal' }
    case 'copying':
    case undefined:
      return { title: t('main.window.copied', { app, percent }), progress: fraction, mode: 'normal' }
    default: {
      const unexpected: never = p.phase
      return unexpected
    }
  }
}

function finishedTitle(t: Translate, summary: JobSummary): string {
  const app = APP_NAME
  const outcome = outcomeOf(summary)
  switch (outcome) {
    case 'clean':
      return t('main.window.finished', { app })
    case 'errors':
      return t('main.window.finishedFailed', { app, count: summary.filesFailed })
    case 'nothing':
      return t('main.window.nothing', { app })
    case 'cancelled':
      return t('main.window.cancelled', { app })
    case 'terminated':
      return t('main.window.terminated', { app })
    default: {
      const unexpected: never = outcome
      return unexpected
    }
  }
}

/**
 * Maps a job event to the window's title and progress bar (in `t`'s language), or undefined when the event changes
 * neither. Percent is rounded down and the bar held below full, so neither reads 100 % before the job has ended.
 */
export function describeJobForWindow(event: JobEvent, t: Translate): WindowProgress | undefined {
  switch (event.type) {
    case 'started':
      return { title: t('main.window.preparing', { app: APP_NAME }), progress: 2, mode: 'indeterminate' }
    case 'progress': {
      const p = event.progress
      const { state, bytesDone, bytesTotal, scanning } = p
      const fraction = bytesTotal > 0 ? Math.min(BELOW_DONE, bytesDone / bytesTotal) : 0
      const percent = Math.floor(fraction * 100)
      switch (state) {
        case 'running':
          if (bytesTotal === 0 && scanning)
            return {
              title: t('main.window.preparing', { app: APP_NAME }),
              progress: 2,
              mode: 'indeterminate',
            }
          return whileRunning(t, p, fraction, percent)
        case 'paused':
          return {
            title: t('main.window.paused', { app: APP_NAME, percent }),
            progress: fraction,
            mode: 'paused',
          }
        case 'cancelling':
          return { title: t('main.window.cancelling', { app: APP_NAME }), progress: fraction, mode: 'paused' }
        case 'terminating':
          return {
            title: t('main.window.terminating', { app: APP_NAME }),
            progress: fraction,
            mode: 'paused',
          }
        case 'done':
        case 'cancelled':
        case 'terminated':
          return undefined
        default: {
          const unexpected: never = state
          return unexpected
        }
      }
    }
    case 'finished':
      return { title: finishedTitle(t, event.summary), progress: -1, mode: 'none' }
    case 'files':
    case 'conflict':
    case 'warning':
      return undefined
    default: {
      const unexpected: never = event
      return unexpected
    }
  }
}
