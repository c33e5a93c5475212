/**
 * The Terminate confirmation: says what Terminate does and how it differs from Cancel. The safe button has the
 * focus so Enter does no harm, and it says what really goes on ("Keep copying", or "Stay paused" while paused). If
 * the copy ends while the dialog is open, the dialog says so instead of vanishing under the pointer.
 */
import { useId } from 'react'
import { useFormat } from '../i18n/use-format'
import { Modal } from './Modal'
import { Button } from './ui'

export interface TerminateDialogProps {
  paused: boolean
  /** The job ended while the dialog was open: nothing is left to terminate. */
  ended: boolean
  onKeep: () => void
  onTerminate: () => void
}

export function TerminateDialog({ paused, ended, onKeep, onTerminate }: TerminateDialogProps) {
  const { t } = useFormat()
  const titleId = useId()
  const bodyId = useId()
  return (
    <Modal
      role="alertdialog"
      labelledBy={titleId}
      describedBy={bodyId}
      onEscape={() => {
        onKeep()
        return true
      }}
    >
      {ended ? (
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {t('terminate.endedTitle')}
          </h2>
          <p id={bodyId} className="text-sm text-zinc-600 dark:text-zinc-300">
            {t('terminate.endedBody')}
          </p>
          <div className="flex justify-end">
            <Button data-autofocus onClick={onKeep}>
              {t('terminate.close')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {t('terminate.title')}
          </h2>
          <div id={bodyId} className="flex flex-col gap-2 text-sm text-zinc-600 dark:text-zinc-300">
            <p>{t('terminate.body1')}</p>
            <p>{t('terminate.body2')}</p>
          </div>
          <div className="flex justify-end gap-2">
            <Button data-autofocus onClick={onKeep}>
              {t(paused ? 'terminate.stayPaused' : 'terminate.keepCopying')}
            </Button>
            <Button variant="danger" onClick={onTerminate}>
              {t('terminate.now')}
            </Button>
          </div>
        </div>
      )}
    </Modal>
  )
}
