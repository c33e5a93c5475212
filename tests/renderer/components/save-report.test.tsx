/** "Save report…" (issue 13): the finished run's outcomes in the CLI's --report columns, as a download. */
import { screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fileResult, summary } from '../helpers/fixtures'
import { renderRunningApp } from '../helpers/render-app'

let saved: Array<{ blob: Blob; name: string }>

beforeEach(() => {
  saved = []
  const blobs = new Map<string, Blob>()
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`
        blobs.set(url, blob)
        return url
      },
      revokeObjectURL: () => undefined,
    }),
  )
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ blob: blobs.get(this.href)!, name: this.download })
  })
})

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/** jsdom's Blob has no text(): read it as a FileReader does. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsText(blob)
  })
}

function finishWithResults(emit: ReturnType<typeof renderRunningApp>['emit']): void {
  emit({
    type: 'files',
    jobId: 'job-1',
    results: [
      fileResult(1, { action: 'copied', size: 1234 }),
      fileResult(2, {
        name: 'dir/a, "quoted".txt',
        status: 'failed',
        error: { code: 'PERMISSION_DENIED', message: 'Permission denied, check it' },
      }),
      fileResult(3, { name: 'dir/r.pdf', dst: '/dst/dir/r (1).pdf', action: 'renamed' }),
      fileResult(4, { status: 'skipped', skipReason: 'exists' }),
    ],
  })
  emit({
    type: 'finished',
    summary: summary({ filesTotal: 4, filesDone: 2, filesFailed: 1, filesSkipped: 1 }),
  })
}

describe('Save report', () => {
  it('CSV: one row per file with paths, action, skip reason and error, quoted as RFC 4180', async () => {
    const { emit, user } = renderRunningApp()
    finishWithResults(emit)
    await user.click(screen.getByRole('button', { name: 'Save report (CSV)' }))
    expect(saved).toHaveLength(1)
    expect(saved[0]!.name).toMatch(/^ferry-report-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.csv$/)
    const lines = (await readBlob(saved[0]!.blob)).split('\r\n')
    expect(lines[0]).toBe('path,source,destination,size,kind,action,skip_reason,error_code,error_message')
    expect(lines[1]).toBe('dir/file-1.bin,/src/dir/file-1.bin,/dst/dir/file-1.bin,1234,file,copied,,,')
    expect(lines[2]).toBe(
      '"dir/a, ""quoted"".txt","/src/dir/a, ""quoted"".txt","/dst/dir/a, ""quoted"".txt",1000,file,failed,,PERMISSION_DENIED,"Permission denied, check it"',
    )
    expect(lines[3]).toBe('dir/r.pdf,/src/dir/r.pdf,/dst/dir/r (1).pdf,1000,file,kept-both,,,')
    expect(lines[4]).toBe('dir/file-4.bin,/src/dir/file-4.bin,/dst/dir/file-4.bin,1000,file,skipped,exists,,')
  })

  it('JSON: the job, every file and the summary', async () => {
    const { emit, user } = renderRunningApp()
    finishWithResults(emit)
    await user.click(screen.getByRole('button', { name: 'Save report (JSON)' }))
    const report = JSON.parse(await readBlob(saved[0]!.blob)) as {
      report: string
      job: { sources: string[]; destination: string }
      files: Array<{ action: string }>
      summary: { filesFailed: number }
    }
    expect(report.report).toBe('ferry')
    expect(report.job).toEqual({ sources: ['/src/dir'], destination: '/dst' })
    expect(report.files.map((f) => f.action)).toEqual(['copied', 'failed', 'kept-both', 'skipped'])
    expect(report.summary.filesFailed).toBe(1)
  })

  it('is not offered while the job runs', () => {
    renderRunningApp()
    expect(screen.queryByRole('button', { name: 'Save report (CSV)' })).toBeNull()
  })
})
