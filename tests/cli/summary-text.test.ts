import { describe, expect, it } from 'vitest'
import type { JobSummary } from '../../src/shared/job'
import { failureLine, summaryText } from '../../src/cli/render/summary-text'

function summary(over: Partial<JobSummary> = {}): JobSummary {
  return {
    jobId: 'j',
    state: 'done',
    bytesDone: 10 * 1024 ** 2,
    bytesCopied: 10 * 1024 ** 2,
    bytesTotal: 10 * 1024 ** 2,
    filesTotal: 3,
    filesDone: 3,
    filesFailed: 0,
    filesSkipped: 0,
    filesCancelled: 0,
    filesNotStarted: 0,
    filesExcluded: 0,
    scanComplete: true,
    durationMs: 2000,
    failures: [],
    warnings: [],
    ...over,
  }
}

describe('summaryText', () => {
  it('reports a clean copy with size, time and speed', () => {
    expect(summaryText(summary())).toBe('Copied 3 files (10.0 MiB) in 2.0 s, 5.00 MiB/s.')
  })

  it('counts only the bytes really written, not those of skipped files', () => {
    expect(summaryText(summary({ bytesCopied: 1024, filesSkipped: 2, filesDone: 1 }))).toMatch(
      /^Copied 1 file \(1.00 KiB\) in 2.0 s, 512 B\/s\. 2 files skipped/,
    )
  })

  it('says Moved for a move, and how many files were copied but kept at the source', () => {
    expect(summaryText(summary({ filesMoved: 3 }))).toBe('Moved 3 files (10.0 MiB) in 2.0 s, 5.00 MiB/s.')
    expect(summaryText(summary({ filesMoved: 2 }))).toBe(
      'Moved 2 files (10.0 MiB) in 2.0 s, 5.00 MiB/s. 1 file copied but kept at the source (see the warnings).',
    )
  })

  it('shows minutes for long jobs', () => {
    expect(summaryText(summary({ durationMs: 754_000 }))).toContain('in 12:34,')
  })

  it('reports skips and failures', () => {
    expect(summaryText(summary({ filesSkipped: 1, filesFailed: 2 }))).toMatch(
      /1 file skipped \(already at the destination\), 2 files failed\.$/,
    )
  })

  it('reports a cancelled job with what stopped mid-copy and what never started', () => {
    const text = summaryText(summary({ state: 'cancelled', filesCancelled: 2, filesNotStarted: 5 }))
    expect(text).toMatch(/^Cancelled after 2.0 s: 3 files \(10.0 MiB\) copied completely\./)
    expect(text).toContain('2 files stopped mid-copy (partial files removed)')
    expect(text).toContain('5 not started')
  })

  it('marks the not-started count as a lower bound when the walk was cut short', () => {
    expect(summaryText(summary({ state: 'terminated', filesNotStarted: 7, scanComplete: false }))).toMatch(
      /^Stopped at once .* 7\+ not started\.$/,
    )
  })
})

describe('failureLine', () => {
  it('names the file, the reason and our error code', () => {
    const line = failureLine({
      id: 1,
      name: 'dir/secret.txt',
      src: '/s/dir/secret.txt',
      dst: '/d/dir/secret.txt',
      size: 3,
      kind: 'file',
      status: 'failed',
      error: {
        code: 'PERMISSION_DENIED',
        message: 'Error reading /s/dir/secret.txt: permission denied (EACCES).',
      },
    })
    expect(line).toBe(
      'ferry: failed: dir/secret.txt: Error reading /s/dir/secret.txt: permission denied (EACCES). [PERMISSION_DENIED]',
    )
  })

  it('says a removable destination is safe to remove only when everything was made durable', () => {
    expect(summaryText(summary({ durable: true, removable: true }))).toContain('safe to remove')
    expect(summaryText(summary({ durable: false, removable: true }))).not.toContain('safe to remove')
    expect(summaryText(summary({ durable: true, removable: false }))).not.toContain('safe to remove')
  })
})
