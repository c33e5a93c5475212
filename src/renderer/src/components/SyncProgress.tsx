/**
 * The "Writing to disk…" phase (commit groups being made durable): a determinate bar of what is left to flush,
 * measured against the most that was left since the phase began, so it fills as the disk catches up.
 */
import { useState } from 'react'
import type { ProgressSnapshot } from '../../../shared/job'
import { useFormat } from '../i18n/use-format'
import { bytesLeftToFlush, flushFraction } from '../lib/progress'
import { ProgressBar } from './ProgressBar'

export function SyncProgress({ progress }: { progress: ProgressSnapshot }) {
  const { t, f } = useFormat()
  const [peak, setPeak] = useState(0)
  const left = bytesLeftToFlush(progress)
  // Adjusting state to a prop during render (React's documented pattern): the peak grows within the phase and
  // resets outside it.
  if (left === null) {
    if (peak !== 0) setPeak(0)
    return null
  }
  if (left > peak) setPeak(left)
  const fraction = flushFraction(left, Math.max(peak, left))
  return (
    <div className="flex items-center gap-3">
      <div className="flex-1">
        <ProgressBar
          label={t('job.syncing')}
          fraction={fraction}
          valueText={t('job.syncingValue', { left: f.bytes(left) })}
          tone="accent"
        />
      </div>
      <span className="min-w-12 text-right text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {t('job.syncingLeft', { left: f.bytes(left) })}
      </span>
    </div>
  )
}
