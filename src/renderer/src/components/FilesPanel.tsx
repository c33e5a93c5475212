/**
 * The "Files" region: every finished, failed, skipped or cancelled file of the run in a virtualised list, with
 * tabs by outcome. Reads the compact ResultStore; re-renders once per result batch, not per file.
 */
import { memo, useId, useState, type KeyboardEvent } from 'react'
import type { FileStatus } from '../../../shared/job'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { errorText } from '../i18n/error-text'
import { useFormat } from '../i18n/use-format'
import { isPermanentFailure } from '../lib/retry-plan'
import type { FileAction, ResultFilter, ResultRow, ResultStore } from '../state/result-store'
import { useResultVersion } from '../state/use-result-version'
import { AlertIcon, CheckIcon, CloseIcon, SkipIcon } from './icons'
import { Card } from './ui'
import { VirtualRows } from './VirtualRows'

/** The tabs, in order (labels are `files.tab.<filter>`). */
const TABS: readonly ResultFilter[] = ['all', 'done', 'skipped', 'failed', 'cancelled']

export const ROW_HEIGHT = 30

/**
 * Memoised: it re-renders for its own (throttled) store changes, not for every progress snapshot. The list follows
 * new rows while it is scrolled to its end, also after the job has finished (the last batch lands then).
 */
export const FilesPanel = memo(function FilesPanel({ store }: { store: ResultStore }) {
  useResultVersion(store)
  const { t, f } = useFormat()
  const [filter, setFilter] = useState<ResultFilter>('all')
  const listId = useId()
  const count = store.count(filter)

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = TABS[(index + step + TABS.length) % TABS.length]!
    setFilter(next)
    const tabs = event.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>('[role="tab"]')
    tabs?.[TABS.indexOf(next)]?.focus()
  }

  return (
    <Card
      aria-label={t('files.region')}
      className="flex h-[28rem] shrink-0 flex-col overflow-hidden lg:h-auto lg:min-h-44 lg:flex-1"
    >
      <div className="flex items-center gap-3 border-b border-zinc-200 px-4 pt-3 dark:border-zinc-800">
        <h2 className="pb-2 text-sm font-semibold">{t('files.heading')}</h2>
        <div role="tablist" aria-label={t('files.tabs')} className="flex gap-1 overflow-x-auto">
          {TABS.map((tab, i) => {
            const selected = tab === filter
            return (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls={listId}
                tabIndex={selected ? 0 : -1}
                onClick={() => setFilter(tab)}
                onKeyDown={(e) => onTabKey(e, i)}
                className={
                  '-mb-px border-b-2 px-2 pb-2 text-xs font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-sky-500 ' +
                  (selected
                    ? 'border-sky-500 text-sky-700 dark:text-sky-300'
                    : 'border-transparent text-zinc-600 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200')
                }
              >
                {t(`files.tab.${tab}`)}{' '}
                <span className="font-normal tabular-nums">{f.count(store.count(tab))}</span>
              </button>
            )
          })}
        </div>
      </div>
      <div id={listId} role="tabpanel" className="flex min-h-0 flex-1 flex-col">
        {count === 0 ? (
          <p className="m-auto px-4 py-8 text-sm text-zinc-600 dark:text-zinc-400">
            {t(filter === 'all' ? 'files.emptyAll' : 'files.none')}
          </p>
        ) : (
          <VirtualRows
            key={filter}
            className="min-h-0 flex-1"
            count={count}
            rowHeight={ROW_HEIGHT}
            label={t('files.list')}
            follow
            renderRow={(n) => <FileRow row={store.row(store.indexAt(filter, n))} />}
          />
        )}
      </div>
    </Card>
  )
})

const STATUS_ICON: Record<FileStatus, React.JSX.Element> = {
  done: <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" />,
  failed: <AlertIcon className="size-4 text-rose-600 dark:text-rose-400" />,
  skipped: <SkipIcon className="size-4 text-amber-600 dark:text-amber-400" />,
  cancelled: <CloseIcon className="size-4 text-zinc-400" />,
}

/** Each action's words (`renamed` says the new name: `files.keptBoth`). */
const ACTION_KEY: Record<Exclude<FileAction, 'renamed'>, string> = {
  copied: 'files.copied',
  replaced: 'files.replaced',
  moved: 'files.moved',
}

/** What happened to the file, in words: the action, and the name the copy got when it is not the source's. */
function rowDetail(t: TFunction, row: ResultRow): string {
  switch (row.status) {
    case 'failed':
      return isPermanentFailure(row) ? t('files.cannotCopy') : (row.error?.code ?? t('files.failed'))
    case 'skipped':
      return t(`files.skip.${row.skipReason ?? 'exists'}`)
    case 'cancelled':
      return t('files.stopped')
    case 'done':
      if (row.action === 'renamed' || row.savedAs !== undefined)
        return t('files.keptBoth', { name: row.savedAs ?? row.name })
      if (row.kind === 'symlink' && row.action !== 'replaced') return t('files.symlinkCopied')
      return t(ACTION_KEY[row.action ?? 'copied'])
  }
}

function FileRow({ row }: { row: ResultRow }) {
  const { t, f } = useFormat()
  const { i18n } = useTranslation()
  const detail = rowDetail(t, row)
  return (
    <div
      className="flex h-full items-center gap-2.5 border-b border-zinc-100 px-4 text-xs dark:border-zinc-800/60"
      title={row.error ? errorText(i18n, row.error).text : undefined}
    >
      {STATUS_ICON[row.status]}
      <span className="sr-only">{t('files.statusPrefix', { status: t(`files.status.${row.status}`) })}</span>
      <span className="min-w-0 flex-1 truncate font-mono">{row.name}</span>
      <span
        className={`max-w-[50%] shrink-0 truncate ${row.status === 'failed' ? 'text-rose-700 dark:text-rose-400' : 'text-zinc-600 dark:text-zinc-400'}`}
      >
        {detail}
      </span>
      <span className="w-20 shrink-0 text-right text-zinc-600 tabular-nums dark:text-zinc-400">
        {row.kind === 'directory' ? '—' : f.bytes(row.size)}
      </span>
    </div>
  )
}
