/**
 * A progress bar with a real `progressbar` role (aria-valuenow in whole percent, aria-valuetext in words), drawn
 * with plain elements so it can be striped while totals grow. Without a fraction it is indeterminate: no
 * aria-valuenow (as ARIA says for an unknown value) and a faint striped fill. The fill's width is an inline style
 * that React sets through the CSSOM, which the CSP's `style-src 'self'` allows (only markup `style` attributes are
 * blocked).
 */
export type ProgressTone = 'accent' | 'paused' | 'success' | 'warning' | 'danger' | 'neutral'

export interface ProgressBarProps {
  label: string
  /** 0..1, or null when the total is not known yet. */
  fraction: number | null
  valueText: string
  /** Totals are still growing: the bar is striped and animated. */
  growing?: boolean
  tone?: ProgressTone
  size?: 'sm' | 'lg'
}

const TONES: Record<ProgressTone, string> = {
  accent: 'bg-sky-500 dark:bg-sky-400',
  paused: 'bg-amber-400 dark:bg-amber-400',
  success: 'bg-emerald-500 dark:bg-emerald-400',
  warning: 'bg-amber-500 dark:bg-amber-400',
  danger: 'bg-rose-500 dark:bg-rose-400',
  neutral: 'bg-zinc-400 dark:bg-zinc-500',
}

export function ProgressBar({
  label,
  fraction,
  valueText,
  growing,
  tone = 'accent',
  size = 'sm',
}: ProgressBarProps) {
  const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction))
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === null ? undefined : Math.floor(clamped * 100)}
      aria-valuetext={valueText}
      data-tone={tone}
      className={`relative w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${size === 'lg' ? 'h-3' : 'h-1.5'}`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-300 ease-out motion-reduce:transition-none ${TONES[tone]} ${growing ? 'ferry-stripes' : ''} ${clamped === null ? 'opacity-40' : ''}`}
        style={{ width: `${(clamped ?? 1) * 100}%` }}
      />
    </div>
  )
}
