/** A bar for each file being copied right now, named by its path relative to its source. */
import type { InFlightFile } from '../../../shared/job'
import { useFormat } from '../i18n/use-format'
import { fileFraction } from '../lib/progress'
import { ProgressBar } from './ProgressBar'
import { Button } from './ui'

export function InFlightList({
  files,
  paused,
  onSkip,
}: {
  files: readonly InFlightFile[]
  paused: boolean
  /** "Skip this file": stops it, removes its partial copy; the job goes on. Absent: no skip buttons. */
  onSkip?: ((file: InFlightFile) => void) | undefined
}) {
  const { t, f } = useFormat()
  if (files.length === 0) return null
  // Stable order (by id) so rows do not swap places between snapshots.
  const sorted = [...files].sort((a, b) => a.id - b.id)
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        {t('inFlight.heading')}
      </h3>
      <ul className="flex max-h-44 flex-col gap-1.5 overflow-y-auto">
        {sorted.map((file) => {
          const fraction = fileFraction(file)
          const bytes = { done: f.bytes(file.bytesDone), size: f.bytes(file.size) }
          return (
            <li
              key={file.id}
              className={`grid ${onSkip ? 'grid-cols-[minmax(0,1fr)_minmax(4rem,9rem)_8.5rem_auto]' : 'grid-cols-[minmax(0,1fr)_minmax(4rem,9rem)_8.5rem]'} items-center gap-3 text-xs`}
            >
              <span className="truncate font-mono" title={file.src}>
                {file.name}
              </span>
              <ProgressBar
                label={file.name}
                fraction={fraction}
                valueText={t('inFlight.value', { ...bytes, percent: f.percent(fraction) })}
                tone={paused ? 'paused' : 'accent'}
              />
              <span className="text-right text-zinc-600 tabular-nums dark:text-zinc-400">
                {t('inFlight.bytes', bytes)}
              </span>
              {onSkip && (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('inFlight.skipLabel', { name: file.name })}
                  title={t('inFlight.skipHint')}
                  onClick={() => onSkip(file)}
                >
                  {t('inFlight.skip')}
                </Button>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
