import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatSpeed } from '../../../src/renderer/src/lib/format'
import { fileResult, progress, summary } from '../helpers/fixtures'
import { renderRunningApp } from '../helpers/render-app'

const region = () => screen.getByRole('region', { name: 'Job progress' })
const overall = () => screen.getByRole('progressbar', { name: 'Overall progress' })

describe('the end of a job tells the truth', () => {
  it('a job that copied 0 of 27 files says "Nothing was copied", not "Copy finished", with an empty red bar', () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'finished',
      summary: summary({ filesTotal: 27, filesFailed: 27, bytesTotal: 2700, bytesDone: 2700 }),
    })
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Nothing was copied')
    expect(status).not.toHaveTextContent('Copy finished')
    expect(within(region()).getByRole('heading', { level: 2 })).toHaveTextContent('Nothing was copied')
    expect(overall()).toHaveAttribute('aria-valuenow', '0')
    expect(overall()).toHaveAttribute('data-tone', 'danger')
  })

  it('a job with some failures is "finished with errors", its bar short of full and amber', () => {
    const { emit } = renderRunningApp()
    emit({ type: 'finished', summary: summary({ filesTotal: 4, filesDone: 3, filesFailed: 1 }) })
    expect(screen.getByRole('status')).toHaveTextContent('Copy finished with errors')
    expect(overall()).toHaveAttribute('aria-valuenow', '75')
    expect(overall()).toHaveAttribute('data-tone', 'warning')
  })

  it('shows a stopped job with a stop sign, not a square that looks like an unchecked box', () => {
    const { emit } = renderRunningApp()
    emit({ type: 'finished', summary: summary({ state: 'cancelled', filesNotStarted: 3 }) })
    const status = screen.getByRole('status')
    expect(status.querySelector('svg')).toHaveAttribute('data-icon', 'cancelled')
    expect(status.querySelector('svg rect')).toBeNull()
  })

  it('averages the speed over the time spent copying, not the time paused', () => {
    const { emit } = renderRunningApp()
    emit(
      { type: 'progress', progress: progress({ elapsedMs: 0 }) },
      { type: 'progress', progress: progress({ elapsedMs: 1000, bytesDone: 1000 }) },
      { type: 'progress', progress: progress({ elapsedMs: 1000, bytesDone: 1000, state: 'paused' }) },
      { type: 'progress', progress: progress({ elapsedMs: 61_000, bytesDone: 1000, state: 'running' }) },
      {
        type: 'finished',
        summary: summary({ filesDone: 2, filesTotal: 2, bytesCopied: 2000, durationMs: 62_000 }),
      },
    )
    // 2,000 bytes in 2 s of copying, not in the 62 s the job lasted.
    expect(screen.getByRole('status')).toHaveTextContent(formatSpeed(1000))
    expect(region()).toHaveTextContent(formatSpeed(1000))
  })

  it('shows the verify phase as its own phase, with no time left of the copy', () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'progress',
      progress: progress({ phase: 'verifying', bytesDone: 99, bytesTotal: 100, etaSeconds: 0 }),
    })
    expect(within(region()).getByRole('heading', { level: 2 })).toHaveTextContent('Verifying…')
    expect(within(region()).getByText('Time left').nextElementSibling).toHaveTextContent('Verifying…')
    emit({ type: 'progress', progress: progress({ phase: 'syncing', bytesDone: 100, bytesTotal: 100 }) })
    expect(within(region()).getByRole('heading', { level: 2 })).toHaveTextContent('Writing to disk…')
  })

  it('shows one free-space warning, the newest, however many retry jobs warn', () => {
    const { emit } = renderRunningApp()
    const warn = (path: string, message: string) =>
      emit({ type: 'warning', jobId: 'job-1', warning: { code: 'DISK_FULL', path, message } })
    warn('/dst/a', 'The sources (10 MiB) are larger than the free space at /dst/a (1 MiB)')
    warn('/dst/b', 'The sources (5 MiB) are larger than the free space at /dst/b (1 MiB)')
    expect(screen.queryByText(/10 MiB/)).not.toBeInTheDocument()
    expect(screen.getByText(/5 MiB/)).toBeInTheDocument()
  })
})

describe('files that cannot be copied', () => {
  it('say so, and are not offered for retry', () => {
    const { emit } = renderRunningApp()
    emit(
      {
        type: 'files',
        jobId: 'job-1',
        results: [
          fileResult(1, {
            name: 'err/sub/pipe.fifo',
            status: 'failed',
            error: { code: 'UNSUPPORTED', message: 'err/sub/pipe.fifo is a named pipe; Ferry copies files.' },
          }),
        ],
      },
      { type: 'finished', summary: summary({ filesFailed: 1, filesTotal: 1 }) },
    )
    const errors = screen.getByRole('region', { name: 'Errors' })
    expect(errors).toHaveTextContent('Cannot be copied')
    expect(errors).toHaveTextContent('1 file cannot be copied')
    expect(within(errors).queryByRole('button', { name: 'Retry failed' })).not.toBeInTheDocument()
  })
})

describe('the files list says what happened to each file', () => {
  it('shows the name a "Keep both" copy was saved as', async () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'files',
      jobId: 'job-1',
      results: [
        fileResult(1, { name: 'report 1.pdf', src: '/s/report 1.pdf', dst: '/d/report 1 (1).pdf' }),
        fileResult(2, { name: 'plain.txt', src: '/s/plain.txt', dst: '/d/plain.txt' }),
      ],
    })
    const list = await screen.findByRole('list', { name: 'Finished files' })
    await waitFor(() => expect(list).toHaveTextContent('Kept both, saved as report 1 (1).pdf'))
    expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('Copied')
  })
})

describe('desktop notification', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('announces the end of a job when the window is not in front and permission was granted', () => {
    const shown: Array<{ title: string; body?: string }> = []
    class FakeNotification {
      static permission = 'granted'
      static requestPermission = vi.fn(() => Promise.resolve('granted'))
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body })
      }
    }
    vi.stubGlobal('Notification', FakeNotification)
    vi.spyOn(document, 'hasFocus').mockReturnValue(false)
    const { emit } = renderRunningApp('web')
    emit({ type: 'finished', summary: summary({ filesDone: 2, filesTotal: 2, bytesCopied: 10 }) })
    expect(shown).toEqual([{ title: 'Copy finished', body: expect.stringContaining('2 files copied') }])
  })

  it('leaves notifying to the main process in Electron (one notification, not two)', () => {
    const constructed = vi.fn()
    vi.stubGlobal(
      'Notification',
      Object.assign(constructed, { permission: 'granted', requestPermission: vi.fn() }),
    )
    vi.spyOn(document, 'hasFocus').mockReturnValue(false)
    const { emit } = renderRunningApp('electron')
    emit({ type: 'finished', summary: summary({ filesDone: 2, filesTotal: 2 }) })
    expect(constructed).not.toHaveBeenCalled()
  })

  it('stays silent without permission', () => {
    const constructed = vi.fn()
    vi.stubGlobal(
      'Notification',
      Object.assign(constructed, { permission: 'denied', requestPermission: vi.fn() }),
    )
    vi.spyOn(document, 'hasFocus').mockReturnValue(false)
    const { emit } = renderRunningApp('web')
    emit({ type: 'finished', summary: summary() })
    expect(constructed).not.toHaveBeenCalled()
  })
})
