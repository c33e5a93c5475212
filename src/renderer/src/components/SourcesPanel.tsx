/**
 * The sources: where dropped files and folders go (the whole window takes drops, see use-window-drop.ts; this
 * panel lights up while something is dragged), Add folder…/Add files…, a path box that takes typed or pasted paths
 * (one per line when pasting), and the list with a remove button per entry.
 */
import { useId, useState, type ClipboardEvent } from 'react'
import type { FerryApi } from '../../../shared/ipc'
import { splitPastedPaths } from '../lib/paths'
import type { SourceEntry } from '../lib/sources'
import { useFormat } from '../i18n/use-format'
import { CloseIcon, DropIcon, FileIcon, FolderIcon, PlusIcon } from './icons'
import { Button, FIELD, HINT } from './ui'

export interface SourcesPanelProps {
  ferry: FerryApi
  sources: readonly SourceEntry[]
  disabled: boolean
  /** Set when Start found the list wrong: the message's element id. */
  errorId?: string | undefined
  onAdd: (entries: SourceEntry[]) => void
  onRemove: (path: string) => void
  onClear: () => void
  /** Picks with the native dialog (Electron) or opens the folder browser (web shell). */
  onPick: (kind: 'folder' | 'files') => void
  /** Files are being dragged over the window. */
  dragging: boolean
  /** What the last drop could not add (a browser hides dropped paths). */
  dropNote: string | null
}

export function SourcesPanel({
  ferry,
  sources,
  disabled,
  errorId,
  onAdd,
  onRemove,
  onClear,
  onPick,
  dragging,
  dropNote,
}: SourcesPanelProps) {
  const { t } = useFormat()
  const headingId = useId()
  const inputId = useId()
  const hintId = useId()
  const [typed, setTyped] = useState('')
  const web = ferry.shell === 'web'

  const addTyped = (): void => {
    const paths = splitPastedPaths(typed)
    if (paths.length === 0) return
    onAdd(paths.map((path) => ({ path, kind: 'unknown' })))
    setTyped('')
  }

  const onPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    // An <input> flattens pasted lines into one; several copied items become several sources instead.
    const text = event.clipboardData.getData('text')
    if (!/\r?\n./.test(text.trim())) return
    event.preventDefault()
    onAdd(splitPastedPaths(text).map((path) => ({ path, kind: 'unknown' })))
  }

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id={headingId} className="text-sm font-semibold">
          {t('sources.heading')}
        </h2>
        {sources.length > 1 && (
          <Button variant="ghost" size="sm" onClick={onClear} disabled={disabled}>
            {t('sources.clearAll')}
          </Button>
        )}
      </div>

      <div
        className={
          'flex flex-col items-center gap-2.5 rounded-lg border-2 border-dashed px-4 py-3.5 text-center transition-colors ' +
          (dragging
            ? 'border-sky-500 bg-sky-50 dark:border-sky-400 dark:bg-sky-950/40'
            : 'border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900/60')
        }
      >
        <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300">
          <DropIcon className={`size-5 ${dragging ? 'text-sky-500' : 'text-zinc-400'}`} />
          {t(dragging ? 'sources.dropHere' : 'sources.dropAnywhere')}
        </p>
        <div className="flex gap-2">
          <Button size="sm" onClick={() => onPick('folder')} disabled={disabled}>
            <FolderIcon />
            {t('sources.addFolder')}
          </Button>
          <Button size="sm" onClick={() => onPick('files')} disabled={disabled}>
            <FileIcon />
            {t('sources.addFiles')}
          </Button>
        </div>
      </div>

      {dropNote && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-900">
          {dropNote}
        </p>
      )}

      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="sr-only">
          {t('sources.pathLabel')}
        </label>
        <div className="flex gap-2">
          <input
            id={inputId}
            type="text"
            className={`${FIELD} font-mono text-xs`}
            placeholder={t(web ? 'sources.pathPlaceholderWeb' : 'sources.pathPlaceholder')}
            value={typed}
            disabled={disabled}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={web ? hintId : undefined}
            onChange={(e) => setTyped(e.target.value)}
            onPaste={onPaste}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                addTyped()
              }
            }}
          />
          <Button
            onClick={addTyped}
            disabled={disabled || typed.trim() === ''}
            aria-label={t('sources.addLabel')}
          >
            <PlusIcon />
            {t('sources.add')}
          </Button>
        </div>
        {web && (
          <p id={hintId} className={HINT}>
            {t('sources.webHint')}
          </p>
        )}
      </div>

      {sources.length > 0 ? (
        <ul
          aria-label={t('sources.listLabel')}
          aria-describedby={errorId}
          className="flex max-h-56 flex-col divide-y divide-zinc-200 overflow-y-auto rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800"
        >
          {sources.map((source) => (
            <li
              key={source.path}
              className="group flex items-center gap-2 bg-white py-1.5 pr-1 pl-2.5 dark:bg-zinc-900"
            >
              <SourceIcon source={source} />
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-xs" title={source.path}>
                  {source.path}
                </p>
                {source.kind === 'missing' && (
                  <p className="text-xs text-rose-600 dark:text-rose-400">{t('sources.notFound')}</p>
                )}
                {source.kind === 'unknown' && source.note && (
                  <p className="truncate text-xs text-amber-700 dark:text-amber-300">{source.note}</p>
                )}
              </div>
              <Button
                variant="ghost"
                size="sm"
                className="!px-1.5"
                aria-label={t('sources.removeLabel', { path: source.path })}
                title={t('sources.remove')}
                disabled={disabled}
                onClick={() => onRemove(source.path)}
              >
                <CloseIcon />
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className={`${HINT} px-1`} aria-describedby={errorId}>
          {t('sources.none')}
        </p>
      )}
    </section>
  )
}

function SourceIcon({ source }: { source: SourceEntry }) {
  if (source.kind === 'missing') return <FileIcon className="size-4 text-rose-500" />
  if (source.kind === 'file') return <FileIcon className="size-4 text-zinc-600 dark:text-zinc-400" />
  if (source.kind === 'directory') return <FolderIcon className="size-4 text-sky-600 dark:text-sky-400" />
  return <FolderIcon className="size-4 text-zinc-400" />
}
