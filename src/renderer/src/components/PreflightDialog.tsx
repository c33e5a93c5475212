/**
 * The pre-flight summary (issue 13), shown before any byte moves when the survey found something to decide about:
 * not enough free space, files the destination's filesystem cannot hold, unreadable folders, or a destination that
 * cannot be written. The safe answer (Cancel) has the focus; "Copy anyway" copies what fits / what it can hold (the
 * others fail with their reason and are listed), and is not offered when nothing can be written.
 */
import { useId } from 'react'
import { useFormat } from '../i18n/use-format'
import type { PreflightConcerns } from '../lib/preflight'
import { Modal } from './Modal'
import { Button } from './ui'

export interface PreflightDialogProps {
  concerns: PreflightConcerns
  /** The survey stopped at its time budget: its counts are "at least". */
  partial: boolean
  onCancel: () => void
  onContinue: () => void
}

/** Limits with their own sentence (fs-limits.ts's codes). */
const LIMIT_KEYS: readonly string[] = ['FILE_TOO_LARGE', 'NAME_NOT_ALLOWED', 'NAME_CLASH', 'NAME_TOO_LONG']

const names = (first: string[], count: number): string =>
  first.join(', ') + (count > first.length ? ', …' : '')

export function PreflightDialog({ concerns, partial, onCancel, onContinue }: PreflightDialogProps) {
  const { t, f } = useFormat()
  const titleId = useId()
  const bodyId = useId()
  const blocked = concerns.unwritable.length > 0
  return (
    <Modal
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      onEscape={() => {
        onCancel()
        return true
      }}
    >
      <div className="flex max-w-xl flex-col gap-4 p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {t(blocked ? 'preflight.blockedTitle' : 'preflight.title')}
        </h2>
        <ul
          id={bodyId}
          className="flex list-disc flex-col gap-2 pl-5 text-sm text-zinc-700 dark:text-zinc-300"
        >
          {concerns.unwritable.map((problem) => (
            <li key={problem.path}>
              {t('preflight.unwritable', { path: problem.path, reason: problem.reason })}
            </li>
          ))}
          {concerns.space && (
            <li>
              {t('preflight.space', {
                needed: f.bytes(concerns.space.needed),
                free: f.bytes(concerns.space.free),
              })}
            </li>
          )}
          {concerns.limits.map((limit) => (
            <li key={limit.code}>
              {LIMIT_KEYS.includes(limit.code)
                ? t(`preflight.limit.${limit.code}`, { count: limit.count })
                : t('preflight.limit.other', { count: limit.count, code: limit.code })}{' '}
              <span className="font-mono text-xs break-all">{names(limit.first, limit.count)}</span>
            </li>
          ))}
          {concerns.unreadable && (
            <li>
              {t('preflight.unreadable', { count: concerns.unreadable.count })}{' '}
              <span className="font-mono text-xs break-all">
                {names(concerns.unreadable.first, concerns.unreadable.count)}
              </span>
            </li>
          )}
          {partial && <li>{t('preflight.partial')}</li>}
        </ul>
        <div className="flex justify-end gap-2">
          <Button data-autofocus onClick={onCancel}>
            {t('preflight.cancel')}
          </Button>
          {!blocked && (
            <Button variant="primary" onClick={onContinue}>
              {t(concerns.space ? 'preflight.copyWhatFits' : 'preflight.copyTheRest')}
            </Button>
          )}
        </div>
      </div>
    </Modal>
  )
}
