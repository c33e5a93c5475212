/**
 * The speed limit (the job option `bandwidthLimit`): a menu of round figures, "No limit" first. Used in the start
 * form and, for a running job, beside its progress (a change takes effect at once, across all its threads).
 */
import { useId } from 'react'
import { JOB_LIMITS } from '../../../shared/job-options'
import { useFormat } from '../i18n/use-format'
import { FIELD, HINT, LABEL } from './ui'

const MiB = 2 ** 20

/** Bytes per second the menu offers; 0 is no limit. */
export const SPEED_LIMITS: readonly number[] = [0, 1, 5, 10, 25, 50, 100, 250].map((n) => n * MiB)

export function SpeedLimitSelect({
  value,
  onChange,
  disabled = false,
  hint = true,
}: {
  /** Bytes per second, 0 for none. */
  value: number
  onChange: (bytesPerSecond: number) => void
  disabled?: boolean
  /** Show the sentence under the menu. */
  hint?: boolean
}) {
  const { t, f } = useFormat()
  const id = useId()
  // A job started elsewhere (the CLI's --bwlimit, a replayed job) may carry a figure the menu lacks: offer it too.
  const choices =
    value === 0 || SPEED_LIMITS.includes(value) || value < JOB_LIMITS.minBandwidth
      ? SPEED_LIMITS
      : [...SPEED_LIMITS, value].sort((a, b) => a - b)
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className={LABEL}>
        {t('speedLimit.label')}
      </label>
      <select
        id={id}
        className={`${FIELD} !w-44 pr-8`}
        value={value}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {choices.map((limit) => (
          <option key={limit} value={limit}>
            {limit === 0 ? t('speedLimit.none') : f.speed(limit)}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className={HINT}>
          {t('speedLimit.hint')}
        </p>
      )}
    </div>
  )
}
