/**
 * The right-hand side: an empty state before the first copy, then the job progress, warnings, the files list
 * and the errors of the current (or last) run.
 */
import type { JobSession } from '../state/job-session'
import type { JobViewState } from '../state/job-reducer'
import { useTranslation } from 'react-i18next'
import { errorText } from '../i18n/error-text'
import { useFormat } from '../i18n/use-format'
import { ErrorsPanel } from './ErrorsPanel'
import { FilesPanel } from './FilesPanel'
import { AlertIcon, CopyIcon } from './icons'
import { download } from '../lib/report'
import { JobProgress } from './JobProgress'
import type { DestinationAction } from './JobSummaryStatus'
import { Button } from './ui'

export function JobView({ session, state }: { session: JobSession; state: JobViewState }) {
  const { t, i18n } = useTranslation()
  if (state.phase === 'idle' && !state.run?.summaries.length) return <EmptyState />
  return (
    <div className="flex flex-col gap-4 lg:h-full">
      <JobProgress
        state={state}
        onPause={session.pause}
        onResume={session.resume}
        onCancel={session.cancel}
        onTerminate={session.terminate}
        onCopyRest={state.phase === 'finished' && session.canCopyRest() ? session.copyRest : undefined}
        destination={destinationAction(session, state)}
        onSkipFile={session.skipFile}
        onSaveReport={(format) => {
          const file = session.report(format)
          if (file) download(file)
        }}
        onSpeedLimit={session.setBandwidthLimit}
      />
      {state.notice && (
        <div
          aria-live="assertive"
          className="flex items-start gap-3 rounded-lg bg-rose-50 px-4 py-2.5 text-sm text-rose-800 ring-1 ring-rose-200 dark:bg-rose-950/50 dark:text-rose-200 dark:ring-rose-900"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <p className="flex-1" title={errorText(i18n, state.notice).detail}>
            {errorText(i18n, state.notice).text}
          </p>
          <Button size="sm" variant="ghost" onClick={session.dismissNotice}>
            {t('job.dismiss')}
          </Button>
        </div>
      )}
      {state.warnings.length > 0 && (
        <ul aria-live="polite" className="flex flex-col gap-2">
          {state.warnings.map((warning) => (
            <li
              key={warning.message}
              title={errorText(i18n, warning, 'warnings').detail}
              className="flex items-start gap-3 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900"
            >
              <AlertIcon className="mt-0.5 size-4 shrink-0" />
              {errorText(i18n, warning, 'warnings').text}
            </li>
          ))}
        </ul>
      )}
      <FilesPanel store={session.results} />
      <ErrorsPanel
        store={session.results}
        canRetry={state.phase === 'finished'}
        onRetry={session.retryFailed}
      />
    </div>
  )
}

/** Once files have landed: "Open destination" in Electron; the path and a copy button in the browser. */
function destinationAction(session: JobSession, state: JobViewState): DestinationAction | undefined {
  const summary = state.phase === 'finished' ? state.summary : null
  const destination = state.options?.destination
  if (!summary || !destination || summary.filesDone + summary.filesSkipped === 0) return undefined
  return session.shell === 'electron'
    ? { kind: 'open', open: session.openDestination }
    : { kind: 'show', path: destination }
}

/**
 * Before the first copy. A plain panel, not a dashed box: a dashed box reads as a drop target (dropping works
 * anywhere in the window anyway, see use-window-drop.ts).
 */
function EmptyState() {
  const { t } = useFormat()
  return (
    <div className="flex h-full min-h-60 flex-col items-center justify-center gap-3 rounded-xl bg-white/60 p-10 text-center ring-1 ring-zinc-200 dark:bg-zinc-900/40 dark:ring-zinc-800">
      <CopyIcon className="size-10 text-zinc-400 dark:text-zinc-600" />
      <h2 className="text-base font-semibold text-zinc-700 dark:text-zinc-200">{t('empty.heading')}</h2>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">{t('empty.body')}</p>
    </div>
  )
}
