import type { JobEvent } from '../../shared/job'

/** What the window shows for a job: its title and taskbar/dock progress (`progress` -1 removes the bar). */
export interface WindowProgress {
  title: string
  progress: number
  mode: 'none' | 'normal' | 'indeterminate' | 'paused' | 'error'
}

const APP_NAME = 'Ferry'

/**
 * Maps a job event to the window's title and progress bar, or undefined when the event changes neither. Percent
 * is rounded down so the title never reads 100% before the job has finished.
 */
export function describeJobForWindow(event: JobEvent): WindowProgress | undefined {
  switch (event.type) {
    case 'started':
      return { title: `${APP_NAME} — preparing…`, progress: 2, mode: 'indeterminate' }
    case 'progress': {
      const { state, bytesDone, bytesTotal, scanning } = event.progress
      const fraction = bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : 0
      const percent = Math.floor(fraction * 100)
      switch (state) {
        case 'running':
          if (bytesTotal === 0 && scanning)
            return { title: `${APP_NAME} — preparing…`, progress: 2, mode: 'indeterminate' }
          return { title: `${APP_NAME} — ${percent}% copied`, progress: fraction, mode: 'normal' }
        case 'paused':
          return { title: `${APP_NAME} — paused at ${percent}%`, progress: fraction, mode: 'paused' }
        case 'cancelling':
          return { title: `${APP_NAME} — cancelling…`, progress: fraction, mode: 'paused' }
        case 'terminating':
          return { title: `${APP_NAME} — terminating…`, progress: fraction, mode: 'paused' }
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
    case 'finished': {
      const { state, filesFailed } = event.summary
      const outcome =
        state === 'done'
          ? filesFailed > 0
            ? `copy finished, ${filesFailed} failed`
            : 'copy finished'
          : state === 'cancelled'
            ? 'copy cancelled'
            : 'copy terminated'
      return { title: `${APP_NAME} — ${outcome}`, progress: -1, mode: 'none' }
    }
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
