import { FORMAT_LOCALES, type Language } from '../../shared/i18n/languages'
import { formatBytes } from '../../shared/format-bytes'
import type { JobEvent, JobSummary } from '../../shared/job'
import { isSafeToRemove, outcomeOf } from '../../shared/job-outcome'
import type { Translate } from './main-i18n'

/** A desktop notification's words. */
export interface Notice {
  title: string
  body: string
}

/**
 * What the notification at the end of a job says, in `t`'s language: the window's headline ("Copy finished",
 * "Nothing was copied", …) and a sentence of totals; "Safe to remove" when every copy is durable on a removable
 * destination.
 */
export function describeJobEnd(summary: JobSummary, t: Translate, language: Language): Notice {
  const clauses = [
    t('main.notify.copied', {
      count: summary.filesDone,
      bytes: formatBytes(summary.bytesCopied, FORMAT_LOCALES[language]),
    }),
  ]
  if (summary.filesSkipped) clauses.push(t('totals.skipped', { count: summary.filesSkipped }))
  if (summary.filesFailed) clauses.push(t('totals.failed', { count: summary.filesFailed }))
  if (summary.filesCancelled) clauses.push(t('totals.cancelled', { count: summary.filesCancelled }))
  if (summary.filesNotStarted) clauses.push(t('totals.notStarted', { count: summary.filesNotStarted }))
  let body = t('totals.sentence', { clauses: clauses.join(t('totals.separator')) })
  if (isSafeToRemove(summary)) body += ` ${t('main.notify.safeToRemove')}`
  return { title: t(`outcome.headline.${outcomeOf(summary)}`), body }
}

/** What the notifier needs from the shell. */
export interface NotifierDeps {
  t: Translate
  language: () => Language
  /** True while the user is looking at the window (no notification is needed then). */
  windowActive: () => boolean
  show: (notice: Notice) => void
}

/**
 * Follows the job events and shows a desktop notification when a job ends while the window is not in front
 * (Electron `Notification` in the app; the web shell's page uses the browser's Notification API instead).
 */
export function createJobEndNotifier(deps: NotifierDeps): (event: JobEvent) => void {
  return (event) => {
    if (event.type !== 'finished' || deps.windowActive()) return
    deps.show(describeJobEnd(event.summary, deps.t, deps.language()))
  }
}
