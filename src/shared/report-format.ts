/**
 * The per-file report's rows, as the CLI's `--report` and the window's "Save report" write them: columns, the row of
 * one result, and CSV as RFC 4180 writes it. Pure: no `node:`, DOM or `electron` import.
 */
import type { FileResult } from './job'

/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF; a field holding a comma, a double
 * quote, a CR or LF, or leading or trailing spaces is put in double quotes, with each quote inside doubled. Nothing
 * else is changed: text is written as UTF-8 as it is (names that are not UTF-8 arrive with U+FFFD in them).
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One field, quoted when it must be. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return ''
  const text = String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One record, with its CRLF. */
export function csvRecord(fields: ReadonlyArray<string | number | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

/** What happened to a file, as the report says it. */
export type ReportAction = 'copied' | 'replaced' | 'kept-both' | 'moved' | 'skipped' | 'failed' | 'cancelled'

/** One row of the report. */
export interface ReportRow {
  /** Path relative to its source root's parent (`photos/2024/a.jpg`). */
  path: string
  source: string
  destination: string
  size: number
  kind: FileResult['kind']
  action: ReportAction
  skipReason?: string
  errorCode?: string
  errorMessage?: string
}

export const CSV_COLUMNS = [
  'path',
  'source',
  'destination',
  'size',
  'kind',
  'action',
  'skip_reason',
  'error_code',
  'error_message',
] as const

/** How a copied file's `action` reads in the report (`renamed`: "keep both" gave it a free name). */
const DONE_ACTIONS: Record<string, ReportAction> = {
  copied: 'copied',
  replaced: 'replaced',
  renamed: 'kept-both',
  'kept-both': 'kept-both',
  moved: 'moved',
}

/** The report's row for one result. */
export function reportRow(result: FileResult): ReportRow {
  const action: ReportAction =
    result.status === 'done' ? (DONE_ACTIONS[result.action ?? 'copied'] ?? 'copied') : result.status
  const row: ReportRow = {
    path: result.name,
    source: result.src,
    destination: result.dst,
    size: result.size,
    kind: result.kind,
    action,
  }
  if (result.skipReason) row.skipReason = result.skipReason
  if (result.error) {
    row.errorCode = result.error.code
    row.errorMessage = result.error.message
  }
  return row
}

/** One row as a CSV record (columns of {@link CSV_COLUMNS}). */
export function csvRow(row: ReportRow): string {
  return csvRecord([
    row.path,
    row.source,
    row.destination,
    row.size,
    row.kind,
    row.action,
    row.skipReason,
    row.errorCode,
    row.errorMessage,
  ])
}
