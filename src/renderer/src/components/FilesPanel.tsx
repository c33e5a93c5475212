/**
 * The "Files" region: every finished, failed, skipped or cancelled file of the run in a virtualised list, with
 * tabs by outcome. Reads the compact ResultStore; re-renders once per result batch, not per file.
 */
import { memo, useId, useState, type KeyboardEvent } from 'react'
import type { FileStatus, SkipReason } from '../../../shared/job'
import { formatBytes, formatCount } from '../lib/format'
import { isPermanentFailure } from '../lib/retry-plan'
import type { ResultFilter, ResultRow, ResultStore } from '../state/result-store'
import { useResultVersion } from '../state/use-result-version'
import { AlertIcon, CheckIcon, CloseIcon, SkipIcon } from './icons'
import { Card } from './ui'
import { VirtualRows } from './VirtualRows'

const TABS: ReadonlyArray<{ filter: ResultFilter; label: string }> = [
  { filter: 'all', label: 'All' },
  { filter: 'done', label: 'Copied' },
  { filter: 'skipped', label: 'Skipped' },
  { filter: 'failed', label: 'Failed' },
  { filter: 'cancelled', label: 'Stopped' },
]

const SKIP_REASONS: Record<SkipReason, string> = {
  exists: 'Already there',
  'not-newer': 'Not newer',
  'user-skipped': 'Skipped by you',
}

export const ROW_HEIGHT = 30

/**
 * Memoised: it re-renders for its own (throttled) store changes, not for every progress snapshot. The list follows
 * new rows while it is scrolled to its end, also after the job has finished (the last batch lands then).
 */
export const FilesPanel = memo(function FilesPanel({ store }: { store: ResultStore }) {
  useResultVersion(store)
  const [filter, setFilter] = useState<ResultFilter>('all')
  const listId = useId()
  const count = store.count(filter)

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = TABS[(index + step + TABS.length) % TABS.length]!
    setFilter(next.filter)
    const tabs = event.currentTarget.parentElement?.querySelectorAll<HTMLButtonElement>('[role="tab"]')
    tabs?.[TABS.indexOf(next)]?.focus()
  }

  return (
    <Card
      aria-label="Files"
      className="flex h-[28rem] shrink-0 flex-col overflow-hidden lg:h-auto lg:min-h-44 lg:flex-1"
    >
      <div className="flex items-center gap-3 border-b border-zinc-200 px-4 pt-3 dark:border-zinc-800">
        <h2 className="pb-2 text-sm font-semibold">Files</h2>
        <div role="tablist" aria-label="Show files" className="flex gap-1 overflow-x-auto">
          {TABS.map((tab, i) => {
            const selected = tab.filter === filter
            return (
              <button
                key={tab.filter}
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls={listId}
                tabIndex={selected ? 0 : -1}
                onClick={() => setFilter(tab.filter)}
                onKeyDown={(e) => onTabKey(e, i)}
                className={
                  '-mb-px border-b-2 px-2 pb-2 text-xs font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-sky-500 ' +
                  (selected
                    ? 'border-sky-500 text-sky-700 dark:text-sky-300'
                    : 'border-transparent text-zinc-600 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200')
                }
              >
                {tab.label}{' '}
                <span className="font-normal tabular-nums">{formatCount(store.count(tab.filter))}</span>
              </button>
            )
          })}
        </div>
      </div>
      <div id={listId} role="tabpanel" className="flex min-h-0 flex-1 flex-col">
        {count === 0 ? (
          <p className="m-auto px-4 py-8 text-sm text-zinc-600 dark:text-zinc-400">
            {filter === 'all' ? 'Files appear here as they finish.' : 'None.'}
          </p>
        ) : (
          <VirtualRows
            key={filter}
            className="min-h-0 flex-1"
            count={count}
            rowHeight={ROW_HEIGHT}
            label="Finished files"
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

const STATUS_WORD: Record<FileStatus, string> = {
  done: 'Copied',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Stopped',
}

/** What happened to the file, in words: the action, and the name the copy got when it is not the source's. */
function rowDetail(row: ResultRow): string {
  switch (row.status) {
    case 'failed':
      return isPermanentFailure(row) ? 'Cannot be copied' : (row.error?.code ?? 'Failed')
    case 'skipped':
      return SKIP_REASONS[row.skipReason ?? 'exists']
    case 'cancelled':
      return 'Stopped'
    case 'done':
      if (row.savedAs !== undefined) return `Kept both, saved as ${row.savedAs}`
      return row.kind === 'symlink' ? 'Symlink copied' : 'Copied'
  }
}

function FileRow({ row }: { row: ResultRow }) {
  const detail = rowDetail(row)
  return (
    <div
      className="flex h-full items-center gap-2.5 border-b border-zinc-100 px-4 text-xs dark:border-zinc-800/60"
      title={row.error?.message}
    >
      {STATUS_ICON[row.status]}
      <span className="sr-only">{STATUS_WORD[row.status]}:</span>
      <span className="min-w-0 flex-1 truncate font-mono">{row.name}</span>
      <span
        className={`max-w-[50%] shrink-0 truncate ${row.status === 'failed' ? 'text-rose-700 dark:text-rose-400' : 'text-zinc-600 dark:text-zinc-400'}`}
      >
        {detail}
      </span>
      <span className="w-20 shrink-0 text-right text-zinc-600 tabular-nums dark:text-zinc-400">
        {row.kind === 'directory' ? '—' : formatBytes(row.size)}
      </span>
    </div>
  )
}
