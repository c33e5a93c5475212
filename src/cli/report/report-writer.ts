/**
 * `--report FILE`: every file's outcome, written as the engine reports it (`files` events), so memory holds one
 * event's results, never the whole list. CSV (`.csv`, one row per file) or JSON (`.json`: one document with the job,
 * a `files` array and the summary; the array is written as it grows). Writes are synchronous, one per event (ten a
 * second at most): a report is small beside the copy, and nothing piles up in memory behind a slow disk.
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { extname } from 'node:path'
import type { FileResult, JobOptions, JobSummary } from '../../shared/job'
import { CSV_COLUMNS, csvRecord, csvRow, reportRow } from '../../shared/report-format'

export { CSV_COLUMNS, reportRow, type ReportAction, type ReportRow } from '../../shared/report-format'

/** A report being written. Open it before the copy starts, so a path that cannot be written is refused first. */
export class ReportWriter {
  private readonly format: 'csv' | 'json'
  private fd: number | undefined
  private rowsWritten = 0
  /** Why writing failed (disk full, …); the rest of the report is dropped and the run says so. */
  failure: string | undefined

  /** Creates (or truncates) `path`; throws when it cannot be opened. */
  constructor(
    readonly path: string,
    options: JobOptions,
  ) {
    this.format = extname(path).toLowerCase() === '.json' ? 'json' : 'csv'
    this.fd = openSync(path, 'w', 0o644)
    if (this.format === 'csv') this.write(csvRecord(CSV_COLUMNS))
    else {
      const job = { sources: options.sources, destination: options.destination }
      this.write(`{"report":"ferry","version":1,"job":${JSON.stringify(job)},"files":[`)
    }
  }

  /** Appends the outcomes of one `files` event. */
  add(results: readonly FileResult[]): void {
    if (results.length === 0) return
    let text = ''
    for (const result of results) {
      const row = reportRow(result)
      if (this.format === 'csv') {
        text += csvRow(row)
      } else text += `${this.rowsWritten++ === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`
    }
    this.write(text)
  }

  /** Ends the report (JSON: the summary's counts close the document) and closes the file. */
  finish(summary: JobSummary): void {
    if (this.format === 'json') {
      const { failures: _failures, warnings, ...counts } = summary
      this.write(`\n],"summary":${JSON.stringify({ ...counts, warnings })}}\n`)
    }
    this.close()
  }

  /** The job was refused before anything was copied: the report is removed, there is nothing to report. */
  discard(): void {
    this.close()
    try {
      unlinkSync(this.path)
    } catch {
      // already gone
    }
  }

  private write(text: string): void {
    if (this.fd === undefined || this.failure) return
    try {
      const bytes = Buffer.from(text, 'utf8')
      for (let at = 0; at < bytes.length;) at += writeSync(this.fd, bytes, at)
    } catch (error) {
      this.failure = (error as NodeJS.ErrnoException).code ?? String(error)
    }
  }

  private close(): void {
    if (this.fd === undefined) return
    try {
      closeSync(this.fd)
    } catch (error) {
      this.failure ??= (error as NodeJS.ErrnoException).code ?? String(error)
    }
    this.fd = undefined
  }
}
