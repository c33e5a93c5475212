/**
 * Ferry's window: the start form on the left, the job on the right, and the conflict prompt on top when the
 * engine asks. All state comes from one {@link JobSession} over `window.ferry` (or a fake in tests).
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { FerryApi, StartRequest } from '../../../shared/ipc'
import { requestNotificationPermission, useJobNotification } from '../hooks/use-job-notification'
import { useWindowLanguage } from '../hooks/use-window-language'
import { useFormat } from '../i18n/use-format'
import { isCounting, overallFraction } from '../lib/progress'
import { createJobSession, type JobSession } from '../state/job-session'
import type { JobViewState } from '../state/job-reducer'
import { ConflictPrompt } from './ConflictPrompt'
import { FerryMark } from './icons'
import { InterruptedJobs } from './InterruptedJobs'
import { JobView } from './JobView'
import { LanguagePicker } from './LanguagePicker'
import { StartForm } from './StartForm'

export interface AppProps {
  ferry: FerryApi
  /** Tests may pass their own session; by default one is created over `ferry`. */
  session?: JobSession
}

export function App({ ferry, session: given }: AppProps) {
  const [session] = useState(() => given ?? createJobSession(ferry))
  useEffect(() => session.connect(), [session])
  const state = useSyncExternalStore(session.subscribe, session.getState)
  const { t } = useFormat()
  useWindowTitle(ferry, state)
  useWindowLanguage(ferry)
  // Electron's main process notifies itself (Electron `Notification`); the page does in the browser shell.
  useJobNotification(state, ferry.shell === 'web')
  const busy = state.phase === 'starting' || state.phase === 'running'
  const question = state.conflicts[0]
  const finishedCopy =
    state.phase === 'finished' && state.run?.kind === 'copy' && state.summary?.state === 'done'
      ? state.run.id
      : null
  const [start] = useState(() => (request: StartRequest) => {
    if (ferry.shell === 'web') requestNotificationPermission()
    return session.start(request)
  })

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-2.5 border-b border-zinc-200 bg-white/70 px-5 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/70">
        <span className="flex size-7 items-center justify-center rounded-lg bg-sky-600 text-white dark:bg-sky-500 dark:text-zinc-950">
          <FerryMark className="size-4.5" />
        </span>
        <h1 className="text-sm font-semibold tracking-tight">{t('app.name')}</h1>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('app.tagline')}</span>
        <div className="ml-auto flex items-center gap-3">
          {ferry.shell === 'web' && (
            <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-[11px] text-zinc-600 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700">
              {t('app.browserMode')}
            </span>
          )}
          <LanguagePicker />
        </div>
      </header>
      <main className="grid min-h-0 flex-1 grid-cols-1 overflow-y-auto lg:grid-cols-[minmax(20rem,24rem)_1fr] lg:overflow-hidden">
        <div className="border-zinc-200 lg:min-h-0 lg:border-r dark:border-zinc-800">
          <StartForm
            ferry={ferry}
            busy={busy}
            startError={state.startError}
            onStart={start}
            onDismissError={session.dismissNotice}
            clearSourcesFor={finishedCopy}
          />
        </div>
        {/* In a narrow window the columns stack; a job in progress then comes first. */}
        <div
          className={`p-5 lg:order-none lg:min-h-0 lg:overflow-y-auto ${state.phase === 'idle' ? '' : 'order-first'}`}
        >
          <InterruptedJobs ferry={ferry} busy={busy} onResume={start} />
          <JobView session={session} state={state} />
        </div>
      </main>
      {question && (
        <ConflictPrompt
          key={`${question.jobId}#${question.conflictId}`}
          question={question}
          waiting={state.conflicts.length - 1}
          onAnswer={session.answerConflict}
        />
      )}
    </div>
  )
}

/**
 * In the browser the tab title follows the job ("42% · Ferry"). In Electron the main process owns the window
 * title (it also drives the taskbar progress), so the page leaves it alone.
 */
function useWindowTitle(ferry: FerryApi, state: JobViewState): void {
  const { t, f } = useFormat()
  const p = state.progress
  const paused = p?.state === 'paused'
  const title =
    state.phase === 'running' && p
      ? isCounting(p)
        ? t(paused ? 'app.title.pausedCounting' : 'app.title.counting')
        : t(paused ? 'app.title.paused' : 'app.title.running', { percent: f.percent(overallFraction(p)) })
      : state.phase === 'finished'
        ? t(state.summary?.state === 'done' ? 'app.title.finished' : 'app.title.stopped')
        : t('app.name')
  useEffect(() => {
    if (ferry.shell === 'web') document.title = title
  }, [ferry.shell, title])
}
