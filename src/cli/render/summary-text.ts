/** Plain-text lines for the end of a job and for per-file failures. Pure functions of the engine's data. */
import type { FerryErrorData, FileResult, JobSummary } from '../../shared/job'
import { formatBytes, formatElapsed, formatRate, groupDigits, plural } from '../format'

/** A failed file, for stderr: its name, our error code and the engine's message (which names the path). */
export function failureLine(result: FileResult): string {
  const error = result.error
  return error
    ? `ferry: failed: ${result.name}: ${error.message} [${error.code}]`
    : `ferry: failed: ${result.name}`
}

/** A warning, for stderr. */
export function warningLine(warning: FerryErrorData): string {
  return `ferry: warning: ${warning.message}`
}

function skippedPart(summary: JobSummary): string[] {
  const parts =
    summary.filesSkipped > 0
      ? [`${plural(summary.filesSkipped, 'file')} skipped (already at the destination)`]
      : []
  // Counted only when filters were given, so the line is unchanged otherwise.
  if (summary.filesExcluded > 0) parts.push(`${groupDigits(summary.filesExcluded)} excluded by filters`)
  return parts
}

/** Move: files copied whose sources were kept (changed after the copy, or not removable). */
function keptPart(summary: JobSummary): string[] {
  const kept = summary.filesMoved === undefined ? 0 : summary.filesDone - summary.filesMoved
  return kept > 0 ? [`${plural(kept, 'file')} copied but kept at the source (see the warnings)`] : []
}

/**
 * What happened, in one or two sentences: how much was copied, how fast, and what was skipped, failed, stopped
 * mid-copy or never started.
 */
export function summaryText(summary: JobSummary): string {
  const seconds = summary.durationMs / 1000
  // bytesCopied, not bytesDone: the latter also counts skipped and failed files as dealt with.
  const rate = seconds > 0 ? `, ${formatRate(summary.bytesCopied / seconds)}` : ''
  const moving = summary.filesMoved !== undefined
  const count = summary.filesMoved ?? summary.filesDone
  const copied = `${plural(count, 'file')} (${formatBytes(summary.bytesCopied)})`
  const parts: string[] = []
  switch (summary.state) {
    case 'done': {
      parts.push(`${moving ? 'Moved' : 'Copied'} ${copied} in ${formatElapsed(seconds)}${rate}.`)
      const rest = [...keptPart(summary), ...skippedPart(summary)]
      if (summary.filesFailed > 0) rest.push(`${plural(summary.filesFailed, 'file')} failed`)
      if (rest.length > 0) parts.push(`${capitalise(rest.join(', '))}.`)
      if (summary.verifiedFrom === 'disk')
        parts.push('Each copy was read back from the disk and matched its source.')
      if (summary.verifiedFrom === 'cache')
        parts.push(
          'Each copy was read back and matched its source (the read may have come from memory, not the disk).',
        )
      if (summary.durable && summary.removable) parts.push('Everything is on the disk: safe to remove.')
      break
    }
    case 'cancelled':
    case 'terminated': {
      const how = summary.state === 'cancelled' ? 'Cancelled' : 'Stopped at once'
      parts.push(
        `${how} after ${formatElapsed(seconds)}: ${copied} ${moving ? 'moved' : 'copied'} completely.`,
      )
      const rest = [...keptPart(summary), ...skippedPart(summary)]
      if (summary.filesFailed > 0) rest.push(`${plural(summary.filesFailed, 'file')} failed`)
      if (summary.filesCancelled > 0) {
        rest.push(`${plural(summary.filesCancelled, 'file')} stopped mid-copy (partial files removed)`)
      }
      const notStarted = `${groupDigits(summary.filesNotStarted)}${summary.scanComplete ? '' : '+'}`
      rest.push(`${notStarted} not started`)
      parts.push(`${capitalise(rest.join(', '))}.`)
      break
    }
    default: {
      const unreachable: never = summary.state
      throw new Error(`unknown job state ${String(unreachable)}`)
    }
  }
  return parts.join(' ')
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
