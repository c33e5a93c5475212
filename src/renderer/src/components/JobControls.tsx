/**
 * Pause/Resume, Cancel and Terminate. Terminate only asks to be confirmed (see TerminateDialog.tsx, which the job
 * card owns so that it outlives these buttons when the job ends).
 */
import { useFormat } from '../i18n/use-format'
import { BoltIcon, PauseIcon, PlayIcon, StopIcon } from './icons'
import { Button } from './ui'

export interface JobControlsProps {
  paused: boolean
  /** A stop (cancel/terminate) is under way or the job has not really started: only Terminate still helps. */
  stopping: 'cancel' | 'terminate' | null
  starting: boolean
  onPause: () => void
  onResume: () => void
  onCancel: () => void
  /** Opens the Terminate confirmation. */
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
  const { t } = useFormat()
  return (
    <div className="flex shrink-0 flex-wrap gap-2">
      {paused ? (
        <Button onClick={onResume} disabled={stopping !== null || starting}>
          <PlayIcon />
          {t('controls.resume')}
        </Button>
      ) : (
        <Button onClick={onPause} disabled={stopping !== null || starting}>
          <PauseIcon />
          {t('controls.pause')}
        </Button>
      )}
      <Button onClick={onCancel} disabled={stopping !== null}>
        <StopIcon />
        {t('controls.cancel')}
      </Button>
      <Button variant="dangerGhost" onClick={onTerminate} disabled={stopping === 'terminate'}>
        <BoltIcon />
        {t('controls.terminate')}
      </Button>
    </div>
  )
}
