/**
 * "Save report…": every file's outcome of the finished run, in the CLI's `--report` columns (src/shared/
 * report-format.ts), CSV or JSON, from the window's result store. The store keeps names, not paths (it stays small
 * at a million rows); the window copies into its destination (`intoDestination`), so a row's paths follow from its
 * name: `<destination>/<name>` (the saved name for "Keep both") and the source root whose name it starts with.
 */
import type { JobOptions, JobSummary } from '../../../shared/job'
import { CSV_COLUMNS, csvRecord, csvRow, type ReportRow, reportRow } from '../../../shared/report-format'
import type { ResultStore } from '../state/result-store'
import { basename } from './paths'

export type ReportFormat = 'csv' | 'json'

const join = (folder: string, name: string): string =>
  folder.endsWith('/') || folder.endsWith('\\') ? `${folder}${name}` : `${folder}/${name}`

const parentOf = (path: string): string => {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return at <= 0 ? path.slice(0, at + 1) || '/' : path.slice(0, at)
}

/** The report's rows, in arrival order. */
export function reportRows(store: ResultStore, options: JobOptions): ReportRow[] {
  const roots = new Map(options.sources.map((source) => [basename(source), source]))
  const rows: ReportRow[] = []
  for (let i = 0; i < store.length; i++) {
    const row = store.row(i)
    const first = row.name.split(/[\\/]/)[0] ?? row.name
    const source = roots.get(first)
    const nested = /[\\/]/.test(row.name)
    const landed = row.savedAs ? (nested ? join(parentOf(row.name), row.savedAs) : row.savedAs) : row.name
    rows.push(
      reportRow({
        id: row.index,
        name: row.name,
        src: source ? join(parentOf(source), row.name) : row.name,
        dst: join(options.destination, landed),
        size: row.size,
        kind: row.kind,
        status: row.status,
        ...(row.action && { action: row.action }),
        ...(row.skipReason && { skipReason: row.skipReason }),
        ...(row.error && { error: row.error }),
      }),
    )
  }
  return rows
}

/** The report as a file: its name and text. */
export function buildReport(
  store: ResultStore,
  options: JobOptions,
  summary: JobSummary,
  format: ReportFormat,
  now = new Date(),
): { name: string; text: string; type: string } {
  const rows = reportRows(store, options)
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-')
  if (format === 'csv') {
    return {
      name: `ferry-report-${stamp}.csv`,
      text: csvRecord(CSV_COLUMNS) + rows.map(csvRow).join(''),
      type: 'text/csv;charset=utf-8',
    }
  }
  const { failures: _failures, warnings, ...counts } = summary
  const document = {
    report: 'ferry',
    version: 1,
    job: { sources: options.sources, destination: options.destination },
    files: rows,
    summary: { ...counts, warnings },
  }
  return {
    name: `ferry-report-${stamp}.json`,
    text: `${JSON.stringify(document, null, 1)}\n`,
    type: 'application/json',
  }
}

/** Offers `text` as a download (the browser's, or Electron's save dialog). */
export function download(file: { name: string; text: string; type: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
