/**
 * The job's speed over time, like Windows Explorer's detailed copy view: an area chart of the whole job so far
 * (the history halves its resolution instead of scrolling, see progress.ts), with the peak marked.
 */
import type { SpeedHistory } from '../lib/progress'
import { useFormat } from '../i18n/use-format'

const WIDTH = 600
const HEIGHT = 56

export function SpeedGraph({ history, current }: { history: SpeedHistory; current: number }) {
  const { t, f } = useFormat()
  const samples = history.samples
  const peak = samples.reduce((max, s) => Math.max(max, s.bytesPerSecond), current)
  const first = samples[0]
  const last = samples[samples.length - 1]
  const span = first && last ? last.elapsedMs - first.elapsedMs : 0
  let line = ''
  if (first && span > 0 && peak > 0) {
    line = samples
      .map((s, i) => {
        const x = ((s.elapsedMs - first.elapsedMs) / span) * WIDTH
        const y = HEIGHT - (s.bytesPerSecond / (peak * 1.12)) * HEIGHT
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
      })
      .join(' ')
  }
  return (
    <div
      role="img"
      aria-label={t('speed.label', { now: f.speed(current), peak: f.speed(peak) })}
      className="relative h-14 overflow-hidden rounded-md bg-zinc-50 ring-1 ring-zinc-200 dark:bg-zinc-950/60 dark:ring-zinc-800"
    >
      {line ? (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full text-sky-500 dark:text-sky-400"
          aria-hidden="true"
        >
          <path d={`${line} L${WIDTH},${HEIGHT} L0,${HEIGHT} Z`} className="fill-current opacity-15" />
          <path
            d={line}
            className="fill-none stroke-current"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      ) : (
        <p className="absolute inset-0 flex items-center justify-center text-xs text-zinc-600 dark:text-zinc-400">
          {t('speed.measuring')}
        </p>
      )}
      {peak > 0 && (
        <span className="absolute top-1 right-2 text-[10px] text-zinc-600 tabular-nums dark:text-zinc-400">
          {t('speed.peak', { speed: f.speed(peak) })}
        </span>
      )}
    </div>
  )
}
