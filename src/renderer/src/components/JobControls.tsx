/**
 * Pause/Resume, Cancel and Terminate. Terminate asks first, in an alert dialog that says what it does and how it
 * differs from Cancel; "Keep copying" has the focus so Enter does no harm.
 */
import { useId, useState } from 'react'
import { Modal } from './Modal'
import { PauseIcon, PlayIcon, StopIcon, BoltIcon } from './icons'
import { Button } from './ui'

export interface JobControlsProps {
  paused: boolean
  /** A stop (cancel/terminate) is under way or the job has not really started: only Terminate still helps. */
  stopping: 'cancel' | 'terminate' | null
  starting: boolean
  onPause: () => void
  onResume: () => void
  onCancel: () => void
  onTerminate: () => void
}

export function JobControls({
  paused,
  stopping,
  starting,
  onPause,
  onResume,
  onCancel,
  onTerminate,
}: JobControlsProps) {
  const [confirming, setConfirming] = useState(false)
  const titleId = useId()
  const bodyId = useId()
  return (
    <div className="flex shrink-0 gap-2">
      {paused ? (
        <Button onClick={onResume} disabled={stopping !== null || starting}>
          <PlayIcon />
          Resume
        </Button>
      ) : (
        <Button onClick={onPause} disabled={stopping !== null || starting}>
          <PauseIcon />
          Pause
        </Button>
      )}
      <Button onClick={onCancel} disabled={stopping !== null}>
        <StopIcon />
        Cancel
      </Button>
      <Button
        variant="ghost"
        className="text-rose-700 hover:text-rose-800 dark:text-rose-400 dark:hover:text-rose-300"
        onClick={() => setConfirming(true)}
        disabled={stopping === 'terminate'}
      >
        <BoltIcon />
        Terminate
      </Button>

      {confirming && (
        <Modal
          role="alertdialog"
          labelledBy={titleId}
          describedBy={bodyId}
          onEscape={() => {
            setConfirming(false)
            return true
          }}
        >
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
              <Button autoFocus onClick={() => setConfirming(false)}>
                Keep copying
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setConfirming(false)
                  onTerminate()
                }}
              >
                Terminate now
              </Button>
            </div>
          </div>
        </Modal>
      )}
    </div>
  )
}
