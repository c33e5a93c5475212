/**
 * The Terminate confirmation: says what Terminate does and how it differs from Cancel. The safe button has the
 * focus so Enter does no harm, and it says what really goes on ("Keep copying", or "Stay paused" while paused). If
 * the copy ends while the dialog is open, the dialog says so instead of vanishing under the pointer.
 */
import { useId } from 'react'
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
            The copy has already ended
          </h2>
          <p id={bodyId} className="text-sm text-zinc-600 dark:text-zinc-300">
            There is nothing left to terminate. The summary shows what was copied.
          </p>
          <div className="flex justify-end">
            <Button data-autofocus onClick={onKeep}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-col gap-4 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Terminate copy?
          </h2>
          <div id={bodyId} className="flex flex-col gap-2 text-sm text-zinc-600 dark:text-zinc-300">
            <p>
              Terminate stops every copy thread immediately, in the middle of whatever file it is writing.
              Ferry then deletes those half-written files, so nothing incomplete is left under a real name.
            </p>
            <p>
              Files already finished stay. Files not started yet are not copied. Cancel does the same more
              gently: it lets each thread reach a safe point first.
            </p>
          </div>
          <div className="flex justify-end gap-2">
            <Button data-autofocus onClick={onKeep}>
              {paused ? 'Stay paused' : 'Keep copying'}
            </Button>
            <Button variant="danger" onClick={onTerminate}>
              Terminate now
            </Button>
          </div>
        </div>
      )}
    </Modal>
  )
}
