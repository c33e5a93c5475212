/** A bar for each file being copied right now, named by its path relative to its source. */
import type { InFlightFile } from '../../../shared/job'
import { formatBytes, formatPercent } from '../lib/format'
import { fileFraction } from '../lib/progress'
import { ProgressBar } from './ProgressBar'

export function InFlightList({ files, paused }: { files: readonly InFlightFile[]; paused: boolean }) {
  if (files.length === 0) return null
  // Stable order (by id) so rows do not swap places between snapshots.
  const sorted = [...files].sort((a, b) => a.id - b.id)
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        In progress
      </h3>
      <ul className="flex max-h-44 flex-col gap-1.5 overflow-y-auto">
        {sorted.map((file) => {
          const fraction = fileFraction(file)
          return (
            <li
              key={file.id}
              className="grid grid-cols-[minmax(0,1fr)_minmax(4rem,9rem)_8.5rem] items-center gap-3 text-xs"
            >
              <span className="truncate font-mono" title={file.src}>
                {file.name}
              </span>
              <ProgressBar
                label={file.name}
                fraction={fraction}
                valueText={`${formatPercent(fraction)}, ${formatBytes(file.bytesDone)} of ${formatBytes(file.size)}`}
                tone={paused ? 'paused' : 'accent'}
              />
              <span className="text-right text-zinc-600 tabular-nums dark:text-zinc-400">
                {formatBytes(file.bytesDone)} of {formatBytes(file.size)}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
