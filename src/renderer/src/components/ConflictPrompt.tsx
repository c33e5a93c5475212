/**
 * The `ask` policy's question: "File already exists", both versions side by side (size, modification date, which
 * is newer or larger), Replace / Skip / Keep both, and "Apply to all". Escape cannot dismiss it: the engine
 * waits for an answer (other files keep copying meanwhile).
 */
import { useId, useState } from 'react'
import type { ConflictAnswer, ConflictQuestion } from '../../../shared/job'
import { Trans } from 'react-i18next'
import { useFormat } from '../i18n/use-format'
import { basename } from '../lib/paths'
import { FileIcon } from './icons'
import { Modal } from './Modal'
import { Button } from './ui'

const SAME_TIME_MS = 1000

export interface ConflictPromptProps {
  question: ConflictQuestion
  /** Questions waiting after this one (normally none: the engine asks one at a time). */
  waiting: number
  onAnswer: (question: ConflictQuestion, answer: ConflictAnswer) => void
}

export function ConflictPrompt({ question, waiting, onAnswer }: ConflictPromptProps) {
  const { t } = useFormat()
  const titleId = useId()
  const bodyId = useId()
  const applyId = useId()
  const [applyToAll, setApplyToAll] = useState(false)
  const answer = (choice: ConflictAnswer['choice']): void => onAnswer(question, { choice, applyToAll })
  const { source, existing } = question
  // Within a second counts as the same time: the dates are shown to the second, and copies made by other tools
  // (or filesystems like FAT) keep modification times only to the second or coarser.
  const sourceNewer = source.mtimeMs - existing.mtimeMs >= SAME_TIME_MS
  const existingNewer = existing.mtimeMs - source.mtimeMs >= SAME_TIME_MS

  return (
    <Modal
      labelledBy={titleId}
      describedBy={bodyId}
      onEscape={() => false}
      className="w-[min(38rem,calc(100vw-2rem))]"
    >
      <div className="flex flex-col gap-4 p-5">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {t('conflict.title')}
          </h2>
          <p id={bodyId} className="text-sm text-zinc-600 dark:text-zinc-300">
            <Trans
              i18nKey="conflict.body"
              values={{ name: basename(question.name) }}
              components={{ name: <span className="font-mono font-medium break-all" /> }}
            />
          </p>
        </div>

        <div className="grid gap-3 sm:grid-cols-2">
          <Version
            heading={t('conflict.copying')}
            path={source.path}
            size={source.size}
            mtimeMs={source.mtimeMs}
            newer={sourceNewer}
            larger={source.size > existing.size}
          />
          <Version
            heading={t('conflict.existing')}
            path={existing.path}
            size={existing.size}
            mtimeMs={existing.mtimeMs}
            newer={existingNewer}
            larger={existing.size > source.size}
          />
        </div>

        <div className="flex items-center gap-2">
          <input
            id={applyId}
            type="checkbox"
            className="size-4 accent-sky-600 dark:accent-sky-400"
            checked={applyToAll}
            onChange={(e) => setApplyToAll(e.target.checked)}
          />
          <label htmlFor={applyId} className="text-sm">
            {t('conflict.applyToAll')}
          </label>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('conflict.applyHint')}</span>
        </div>

        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={() => answer('skip')}>{t('conflict.skip')}</Button>
          <Button onClick={() => answer('rename')} title={t('conflict.keepBothHint')}>
            {t('conflict.keepBoth')}
          </Button>
          <Button variant="primary" data-autofocus onClick={() => answer('overwrite')}>
            {t('conflict.replace')}
          </Button>
        </div>
        {waiting > 0 && (
          <p className="text-right text-xs text-zinc-600">{t('conflict.waiting', { count: waiting })}</p>
        )}
      </div>
    </Modal>
  )
}

function Version(props: {
  heading: string
  path: string
  size: number
  mtimeMs: number
  newer: boolean
  larger: boolean
}) {
  const { t, f } = useFormat()
  return (
    <div className="flex flex-col gap-1.5 rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-200 dark:bg-zinc-950/50 dark:ring-zinc-800">
      <div className="flex items-center gap-2">
        <FileIcon className="size-4 text-zinc-400" />
        <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
          {props.heading}
        </h3>
        <span className="ml-auto flex gap-1">
          {props.newer && <Badge>{t('conflict.newer')}</Badge>}
          {props.larger && <Badge>{t('conflict.larger')}</Badge>}
        </span>
      </div>
      <MiddleCutPath path={props.path} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm tabular-nums">
        <dt className="text-zinc-600 dark:text-zinc-400">{t('conflict.size')}</dt>
        <dd>
          {f.bytes(props.size)}
          {props.size >= 1024 && (
            <span className="block text-xs text-zinc-600">{t('conflict.bytes', { count: props.size })}</span>
          )}
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">{t('conflict.modified')}</dt>
        <dd>{f.date(props.mtimeMs)}</dd>
      </dl>
    </div>
  )
}

/**
 * A path cut in the middle when it does not fit: the folder part shrinks (with an ellipsis) and the file name stays
 * whole, so the name the question is about is never hidden. The full path is in the tooltip and for screen readers.
 */
function MiddleCutPath({ path }: { path: string }) {
  const name = basename(path)
  const folder = path.slice(0, path.length - name.length)
  return (
    <p className="flex min-w-0 font-mono text-xs" title={path}>
      <span className="sr-only">{path}</span>
      <span className="min-w-0 truncate" aria-hidden="true">
        {folder}
      </span>
      <span className="max-w-full shrink-0 truncate" aria-hidden="true" data-part="name">
        {name}
      </span>
    </p>
  )
}

function Badge({ children }: { children: string }) {
  return (
    <span className="rounded-full bg-sky-100 px-1.5 py-px text-[10px] font-semibold text-sky-800 dark:bg-sky-900/60 dark:text-sky-200">
      {children}
    </span>
  )
}
