/**
 * A progress bar with a real `progressbar` role (aria-valuenow in whole percent, aria-valuetext in words), drawn
 * with plain elements so it can be striped while totals grow. The fill's width is an inline style that React sets
 * through the CSSOM, which the CSP's `style-src 'self'` allows (only markup `style` attributes are blocked).
 */
export interface ProgressBarProps {
  label: string
  /** 0..1 */
  fraction: number
  valueText: string
  /** Totals are still growing: the bar is striped and animated. */
  growing?: boolean
  tone?: 'accent' | 'paused' | 'success' | 'warning' | 'neutral'
  size?: 'sm' | 'lg'
}

const TONES = {
  accent: 'bg-sky-500 dark:bg-sky-400',
  paused: 'bg-amber-400 dark:bg-amber-400',
  success: 'bg-emerald-500 dark:bg-emerald-400',
  warning: 'bg-amber-500 dark:bg-amber-400',
  neutral: 'bg-zinc-400 dark:bg-zinc-500',
} as const

export function ProgressBar({
  label,
  fraction,
  valueText,
  growing,
  tone = 'accent',
  size = 'sm',
}: ProgressBarProps) {
  const clamped = Math.min(1, Math.max(0, fraction))
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(clamped * 100)}
      aria-valuetext={valueText}
      className={`relative w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${size === 'lg' ? 'h-3' : 'h-1.5'}`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ease-out motion-reduce:transition-none ${TONES[tone]} ${growing ? 'ferry-stripes' : ''}`}
        style={{ width: `${clamped * 100}%` }}
      />
    </div>
  )
}
