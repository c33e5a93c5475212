/**
 * The web shell's folder browser ("Browse folders"): browsers cannot reveal real paths, so the server lists its
 * folders through `ferry.list` and the user walks them. Folders open on click; in files mode files toggle a
 * selection. Symlinks count as files here because Ferry copies a symlink as a symlink, not what it points to.
 */
import { useEffect, useId, useState } from 'react'
import type { DirEntry, DirListing, FerryApi, Result } from '../../../shared/ipc'
import type { FerryErrorData } from '../../../shared/job'
import { useTranslation } from 'react-i18next'
import { errorText } from '../i18n/error-text'
import { isAbsolutePath } from '../lib/paths'
import { FileIcon, FolderIcon, LinkIcon, UpIcon } from './icons'
import { Modal } from './Modal'
import { Button } from './ui'

/** What the browser is picking: sources (folders or files) or the destination. */
export type BrowseMode = 'folder' | 'files' | 'destination'

/** Entries rendered at most; a bigger folder is better reached by typing its path. */
const MAX_ENTRIES = 2000

/** Lists `path` (the home folder when absent); with `fallbackHome`, an unreadable path falls back to home. */
async function listFolder(
  ferry: Pick<FerryApi, 'list'>,
  path: string | undefined,
  fallbackHome: boolean,
): Promise<Result<DirListing>> {
  // A typed relative path means nothing to the shell: start at home rather than show its validation message.
  if (path !== undefined && !isAbsolutePath(path)) path = undefined
  try {
    const result = await ferry.list(path)
    if (!result.ok && fallbackHome && path !== undefined) return await ferry.list(undefined)
    return result
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    }
  }
}

export interface FolderBrowserProps {
  ferry: Pick<FerryApi, 'list'>
  mode: BrowseMode
  /** Where to open; the user's home folder when absent or unreadable. */
  startPath?: string | undefined
  onChoose: (paths: string[]) => void
  onClose: () => void
}

export function FolderBrowser({ ferry, mode, startPath, onChoose, onClose }: FolderBrowserProps) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const purposeId = useId()
  const [listing, setListing] = useState<DirListing | null>(null)
  const [error, setError] = useState<FerryErrorData | null>(null)
  const [loading, setLoading] = useState(true)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())

  const show = (result: Result<DirListing>): void => {
    if (result.ok) {
      setListing(result.value)
      setError(null)
      setSelected(new Set())
    } else {
      setError(result.error)
    }
    setLoading(false)
  }

  const open = (path: string): void => {
    setLoading(true)
    void listFolder(ferry, path, false).then(show)
  }

  useEffect(() => {
    let live = true
    void listFolder(ferry, startPath || undefined, true).then((result) => live && show(result))
    return () => {
      live = false
    }
  }, [ferry, startPath])

  const toggle = (entry: DirEntry): void => {
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(entry.path)) next.delete(entry.path)
      else next.add(entry.path)
      return next
    })
  }

  const entries = listing?.entries ?? []
  const shown = entries.slice(0, MAX_ENTRIES)

  return (
    <Modal
      labelledBy={titleId}
      describedBy={purposeId}
      onEscape={() => (onClose(), true)}
      className="w-[min(40rem,calc(100vw-2rem))]"
    >
      <div className="flex flex-col gap-3 p-5">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {t('browser.title')}
          </h2>
          <p id={purposeId} className="text-sm text-zinc-600 dark:text-zinc-400">
            {t(`browser.purpose.${mode}`)}
          </p>
        </div>

        <div className="flex items-center gap-2">
          <Button
            size="sm"
            className="!px-2"
            aria-label={t('browser.parent')}
            title={t('browser.parent')}
            disabled={!listing?.parent || loading}
            onClick={() => listing?.parent && open(listing.parent)}
          >
            <UpIcon />
          </Button>
          <p
            className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-700 dark:text-zinc-300"
            title={listing?.path}
          >
            {listing?.path ?? '…'}
          </p>
        </div>

        {error && (
          <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200 dark:bg-rose-950/40 dark:text-rose-200 dark:ring-rose-900">
            {errorText(i18n, error).text}
          </p>
        )}

        <ul
          aria-label={t('browser.contents')}
          aria-busy={loading}
          className="h-80 overflow-y-auto rounded-lg bg-zinc-50 p-1 ring-1 ring-zinc-200 dark:bg-zinc-950/50 dark:ring-zinc-800"
        >
          {!loading && shown.length === 0 && !error && (
            <li className="px-3 py-6 text-center text-sm text-zinc-600">{t('browser.empty')}</li>
          )}
          {shown.map((entry) => (
            <li key={entry.path}>
              <EntryRow
                entry={entry}
                mode={mode}
                selected={selected.has(entry.path)}
                onOpen={() => open(entry.path)}
                onToggle={() => toggle(entry)}
              />
            </li>
          ))}
          {entries.length > MAX_ENTRIES && (
            <li className="px-3 py-2 text-xs text-zinc-600">
              {t('browser.truncated', { shown: MAX_ENTRIES, total: entries.length })}
            </li>
          )}
        </ul>

        <div className="flex flex-wrap items-center justify-end gap-2 pt-1">
          <Button variant="ghost" onClick={onClose} className="mr-auto">
            {t('browser.close')}
          </Button>
          {mode === 'files' && (
            <Button variant="primary" disabled={selected.size === 0} onClick={() => onChoose([...selected])}>
              {selected.size === 0
                ? t('browser.addSelectedNone')
                : t('browser.addSelected', { count: selected.size })}
            </Button>
          )}
          <Button
            variant={mode === 'files' ? 'secondary' : 'primary'}
            disabled={!listing || loading}
            onClick={() => listing && onChoose([listing.path])}
          >
            {t('browser.chooseFolder')}
          </Button>
        </div>
      </div>
    </Modal>
  )
}

function EntryRow({
  entry,
  mode,
  selected,
  onOpen,
  onToggle,
}: {
  entry: DirEntry
  mode: BrowseMode
  selected: boolean
  onOpen: () => void
  onToggle: () => void
}) {
  const row = 'flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm'
  const icon =
    entry.kind === 'directory' ? (
      <FolderIcon className="size-4 text-sky-600 dark:text-sky-400" />
    ) : entry.kind === 'symlink' ? (
      <LinkIcon className="size-4 text-zinc-400" />
    ) : (
      <FileIcon className="size-4 text-zinc-400" />
    )
  if (entry.kind === 'directory') {
    return (
      <button
        type="button"
        className={`${row} hover:bg-zinc-200/70 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-zinc-800`}
        onClick={onOpen}
      >
        {icon}
        <span className="truncate">{entry.name}</span>
      </button>
    )
  }
  if (mode === 'files') {
    return (
      <button
        type="button"
        aria-pressed={selected}
        className={`${row} focus-visible:outline-2 focus-visible:outline-sky-500 ${selected ? 'bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100' : 'hover:bg-zinc-200/70 dark:hover:bg-zinc-800'}`}
        onClick={onToggle}
      >
        {icon}
        <span className="truncate">{entry.name}</span>
      </button>
    )
  }
  return (
    <div className={`${row} text-zinc-600 dark:text-zinc-400`}>
      {icon}
      <span className="truncate">{entry.name}</span>
    </div>
  )
}
