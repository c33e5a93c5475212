/**
 * A desktop notification when a run ends while the user is looking elsewhere (the window is hidden or not
 * focused), through the web Notification API (the browser shell; Electron's renderer has it too when the main
 * process grants the permission). Guarded: nothing happens without the API or without the permission, which is
 * asked for once, on the user's own Start click (browsers ignore requests made without a gesture).
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatterFor } from '../i18n/use-format'
import { outcomeHeadlineKey, outcomeOf } from '../lib/job-outcome'
import type { JobViewState } from '../state/job-reducer'
import { summaryTotals } from '../components/JobSummaryStatus'

/** The page's Notification constructor, or null where there is none. */
function notificationApi(): typeof Notification | null {
  return typeof Notification === 'function' ? Notification : null
}

/** Asks for permission to notify, if it has never been asked. Call from a click handler. */
export function requestNotificationPermission(): void {
  const api = notificationApi()
  if (!api || api.permission !== 'default') return
  try {
    void api.requestPermission().catch(() => undefined)
  } catch {
    // Old callback-only implementations throw on the promise form; notifications are a nicety, not a need.
  }
}

/**
 * Shows a notification when `state` turns from running to finished and the window is not in front; nothing when
 * `enabled` is false (Electron, whose main process notifies).
 */
export function useJobNotification(state: JobViewState, enabled = true): void {
  const { t, i18n } = useTranslation()
  const notified = useRef<number | null>(null)
  const runId = state.run?.id ?? null
  const summary = state.phase === 'finished' ? state.summary : null
  useEffect(() => {
    if (!enabled || !summary || runId === null || notified.current === runId) return
    notified.current = runId
    const api = notificationApi()
    if (!api || api.permission !== 'granted') return
    if (!document.hidden && document.hasFocus()) return
    try {
      const f = formatterFor(t, i18n.resolvedLanguage ?? i18n.language)
      new api(t(outcomeHeadlineKey(outcomeOf(summary, state.run?.refused))), {
        body: summaryTotals(t, f, summary, state.activeMs),
        tag: 'ferry-job',
      })
    } catch {
      // Some platforms allow notifications only from a service worker; the window still shows the summary.
    }
  }, [enabled, summary, runId, state.run?.refused, state.activeMs, t, i18n])
}
