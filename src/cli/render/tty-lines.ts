/**
 * The text of the live progress display, as pure functions of a snapshot and a terminal width, so the layout is
 * tested without a terminal. The TTY reporter hands these lines to cli-progress, which redraws them in place.
 */
import type { InFlightFile, ProgressSnapshot } from '../../shared/job'
import { formatBytes, formatDuration, formatRate, truncateMiddle } from '../format'

/** Files in flight shown one per line; the rest are summarised as "… and N more". */
export const MAX_FILE_LINES = 6

/** A bar of `width` cells, `fraction` of them full. */
export function bar(fraction: number, width: number): string {
  const cells = Math.max(0, width)
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0
  const full = Math.floor(clamped * cells)
  return '█'.repeat(full) + '░'.repeat(cells - full)
}

function percent(done: number, total: number): string {
  if (total <= 0) return done > 0 ? '100%' : '  0%'
  return `${String(Math.min(100, Math.floor((done / total) * 100))).padStart(3)}%`
}

/**
 * The overall line: percentage, bar, bytes done of total, files, speed and ETA (or "scanning" while totals grow).
 * The bar shrinks to keep the line within `width`; below a small width the bar is dropped.
 */
export function overallLine(p: ProgressSnapshot, width: number): string {
  const pct = percent(p.bytesDone, p.bytesTotal)
  const bytes = `${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}${p.scanning ? '+' : ''}`
  const files = `${p.filesDone + p.filesSkipped + p.filesFailed}/${p.filesTotal}${p.scanning ? '+' : ''} files`
  const when =
    p.state === 'paused'
      ? 'paused'
      : p.state === 'cancelling'
        ? 'cancelling…'
        : p.state === 'terminating'
          ? 'stopping…'
          : p.phase === 'syncing'
            ? `writing to disk… ${formatBytes(p.bytesToFlush ?? 0)} to flush`
            : p.scanning && p.etaSeconds === null
              ? `${formatRate(p.bytesPerSecond)}  scanning…`
              : `${formatRate(p.bytesPerSecond)}  ETA ${formatDuration(p.etaSeconds)}`
  const tail = ` ${bytes}  ${files}  ${when}`
  const room = width - pct.length - tail.length - 3
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0
  const line =
    room >= 10 ? `${pct} ${bar(fraction, Math.min(room, 40))} ${tail.trimStart()}` : `${pct}${tail}`
  return fit(line, width)
}

/** One line for a file in flight: its name (middle-truncated to fit), a small bar and its bytes. */
export function fileLine(file: InFlightFile, width: number): string {
  const pct = percent(file.bytesDone, file.size)
  const sizes = `${formatBytes(file.bytesDone)} / ${formatBytes(file.size)}`
  const right = ` ${pct} ${bar(file.size > 0 ? file.bytesDone / file.size : 1, 12)} ${sizes}`
  const nameRoom = Math.max(8, width - right.length - 4)
  const name = truncateMiddle(file.name, nameRoom).padEnd(nameRoom)
  return fit(`  ▸ ${name}${right}`, width)
}

/**
 * The lines under the overall bar for the files in flight: the largest first (they matter most to the wait), at most
 * {@link MAX_FILE_LINES}, then "… and N more" when there are more.
 */
export function inFlightLines(files: readonly InFlightFile[], width: number): string[] {
  const sorted = [...files].sort((a, b) => b.size - a.size || a.id - b.id)
  const shown = files.length > MAX_FILE_LINES ? MAX_FILE_LINES - 1 : files.length
  const lines = sorted.slice(0, shown).map((file) => fileLine(file, width))
  if (files.length > shown) lines.push(fit(`  … and ${files.length - shown} more`, width))
  return lines
}

/** Cuts `line` to `width` characters so it never wraps (wrapping would break the in-place redraw). */
export function fit(line: string, width: number): string {
  const chars = [...line]
  return chars.length <= width ? line : chars.slice(0, Math.max(0, width)).join('')
}
