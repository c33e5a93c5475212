/**
 * The "Errors" region: each failed file with its reason (Ferry's messages name the path and a remedy), and
 * "Retry failed", which copies just those files again once the run has ended. Files that cannot be copied at all
 * (a named pipe, a name too long for the destination) say so and are never retried; when only those failed, there
 * is no Retry.
 */
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../i18n/error-text'
import { useFormat } from '../i18n/use-format'
import { isPermanentFailure, retryableFailures } from '../lib/retry-plan'
import type { ResultStore } from '../state/result-store'
import { useResultVersion } from '../state/use-result-version'
import { RetryIcon } from './icons'
import { Button, Card } from './ui'
import { VirtualRows } from './VirtualRows'

export interface ErrorsPanelProps {
  store: ResultStore
  /** Retry is possible only between runs (the engine runs one job at a time). */
  canRetry: boolean
  onRetry: () => unknown
}

/** Memoised like the files list: it follows its store, not every progress snapshot. */
export const ErrorsPanel = memo(function ErrorsPanel({ store, canRetry, onRetry }: ErrorsPanelProps) {
  useResultVersion(store)
  const { t, f } = useFormat()
  const { i18n } = useTranslation()
  const count = store.count('failed')
  const failures = store.failures()
  const retryable = retryableFailures(failures).length
  const permanent = failures.length - retryable
  return (
    <Card aria-label={t('errorsPanel.region')} className="flex flex-col overflow-hidden">
      <div
        className={`flex items-center gap-2 px-4 py-2 ${count > 0 ? 'border-b border-zinc-200 dark:border-zinc-800' : ''}`}
      >
        <h2 className="text-sm font-semibold">{t('errorsPanel.heading')}</h2>
        {count === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('errorsPanel.none')}</p>}
        {count > 0 && (
          <span className="rounded-full bg-rose-100 px-2 text-xs font-medium text-rose-700 tabular-nums dark:bg-rose-950 dark:text-rose-300">
            {f.count(count)}
          </span>
        )}
        {permanent > 0 && (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('errorsPanel.permanent', { count: permanent })}
          </p>
        )}
        {retryable > 0 && (
          <Button size="sm" className="ml-auto" onClick={onRetry} disabled={!canRetry}>
            <RetryIcon />
            {t('errorsPanel.retry')}
          </Button>
        )}
      </div>
      {count > 0 && (
        <VirtualRows
          className="max-h-36"
          count={count}
          rowHeight={48}
          label={t('errorsPanel.list')}
          renderRow={(n) => {
            const row = store.row(store.indexAt('failed', n))
            const reason = row.error ? errorText(i18n, row.error) : null
            return (
              <div className="flex h-full flex-col justify-center border-b border-zinc-100 px-4 dark:border-zinc-800/60">
                <p className="truncate font-mono text-xs font-medium">
                  {row.name}
                  {isPermanentFailure(row) && (
                    <span className="ml-2 font-sans font-normal text-zinc-600 dark:text-zinc-400">
                      {t('errorsPanel.cannotCopy')}
                    </span>
                  )}
                </p>
                <p
                  className="truncate text-xs text-rose-800 dark:text-rose-300"
                  title={reason ? (reason.detail ?? reason.text) : undefined}
                >
                  {reason?.text ?? t('errorsPanel.unknown')}
                </p>
              </div>
            )
          }}
        />
      )}
    </Card>
  )
})
