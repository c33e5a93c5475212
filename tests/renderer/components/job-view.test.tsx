import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { fileResult, progress, summary } from '../helpers/fixtures'
import { renderApp, renderRunningApp } from '../helpers/render-app'

const MiB = 2 ** 20

describe('job view', () => {
  it('shows overall and per-file progress with bytes, files, speed and ETA', () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'progress',
      progress: progress({
        bytesDone: 30 * MiB,
        bytesTotal: 120 * MiB,
        filesDone: 3,
        filesTotal: 12,
        bytesPerSecond: 10 * MiB,
        etaSeconds: 80,
        elapsedMs: 3000,
        inFlight: [
          {
            id: 4,
            name: 'photos/a.jpg',
            src: '/src/photos/a.jpg',
            dst: '/dst/photos/a.jpg',
            size: 8 * MiB,
            bytesDone: 2 * MiB,
          },
        ],
      }),
    })
    const region = screen.getByRole('region', { name: 'Job progress' })
    const overall = within(region).getByRole('progressbar', { name: 'Overall progress' })
    expect(overall).toHaveAttribute('aria-valuenow', '25')
    expect(region).toHaveTextContent('30.0 MiB')
    expect(region).toHaveTextContent('of 120 MiB')
    expect(region).toHaveTextContent('of 12')
    expect(region).toHaveTextContent('10.0 MiB/s')
    expect(region).toHaveTextContent('1 min 20 s')
    expect(within(region).getByRole('progressbar', { name: 'photos/a.jpg' })).toHaveAttribute(
      'aria-valuenow',
      '25',
    )
  })

  it('shows counts and "Counting…", no percentage and no time left, while the scan is still counting', () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'progress',
      progress: progress({
        scanning: true,
        bytesDone: 10,
        bytesTotal: 100,
        filesTotal: 5,
        bytesPerSecond: 5,
      }),
    })
    const overall = screen.getByRole('progressbar', { name: 'Overall progress' })
    expect(overall).toHaveAttribute('aria-valuetext', expect.stringContaining('Counting'))
    const region = screen.getByRole('region', { name: 'Job progress' })
    expect(region).toHaveTextContent('of 5 so far')
    // No percentage and no time left of a total that is still growing: counts and "Counting…" instead.
    expect(overall).not.toHaveAttribute('aria-valuenow')
    expect(region).not.toHaveTextContent('%')
    expect(region).toHaveTextContent('Counting…')
    expect(within(region).getByText('Time left').nextElementSibling).toHaveTextContent('Counting…')
  })

  it('Pause and Resume call the engine with the job id and swap as the job pauses', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'progress', progress: progress() })
    await user.click(screen.getByRole('button', { name: 'Pause' }))
    expect(ferry.pause).toHaveBeenCalledWith('job-1')
    // The button flips at once, before any snapshot says "paused".
    const resume = await screen.findByRole('button', { name: 'Resume' })
    emit({ type: 'progress', progress: progress({ state: 'paused' }) })
    await user.click(resume)
    expect(ferry.resume).toHaveBeenCalledWith('job-1')
    emit({ type: 'progress', progress: progress({ state: 'running' }) })
    expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled()
  })

  it('Cancel calls cancel and ends with the summary it answers', async () => {
    const { user, ferry } = renderRunningApp()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(ferry.cancel).toHaveBeenCalledWith('job-1')
    expect(await screen.findByRole('status')).toHaveTextContent('Copy cancelled')
  })

  it('Terminate asks first, explains itself, and only "Terminate now" terminates', async () => {
    const { user, ferry } = renderRunningApp()
    await user.click(screen.getByRole('button', { name: 'Terminate' }))
    let dialog = screen.getByRole('alertdialog', { name: 'Terminate copy?' })
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining('half-written'))
    expect(within(dialog).getByRole('button', { name: 'Keep copying' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Keep copying' }))
    expect(ferry.terminate).not.toHaveBeenCalled()
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Terminate' }))
    dialog = screen.getByRole('alertdialog', { name: 'Terminate copy?' })
    await user.click(within(dialog).getByRole('button', { name: 'Terminate now' }))
    expect(ferry.terminate).toHaveBeenCalledExactlyOnceWith('job-1')
    expect(await screen.findByRole('status')).toHaveTextContent('Copy terminated')
  })

  it('lists each failed file with its reason and summarises the finished copy', () => {
    const { emit } = renderRunningApp()
    emit(
      {
        type: 'files',
        jobId: 'job-1',
        results: [
          fileResult(1),
          fileResult(2, {
            name: 'locked/secret.txt',
            status: 'failed',
            error: {
              code: 'PERMISSION_DENIED',
              message: 'Cannot read /src/locked/secret.txt: permission denied.',
            },
          }),
          fileResult(3, { status: 'skipped', skipReason: 'exists' }),
        ],
      },
      {
        type: 'finished',
        summary: summary({
          filesDone: 1,
          filesFailed: 1,
          filesSkipped: 1,
          filesTotal: 3,
          bytesCopied: 1000,
          durationMs: 2000,
        }),
      },
    )
    const errors = screen.getByRole('region', { name: 'Errors' })
    expect(errors).toHaveTextContent('locked/secret.txt')
    expect(errors).toHaveTextContent('Cannot read /src/locked/secret.txt: permission denied.')
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Copy finished')
    expect(status).toHaveTextContent('1 file copied (1000 B) in 2 s')
    expect(status).toHaveTextContent('1 file skipped, 1 file failed')
  })

  it('"Retry failed" starts a job with just the failed files, to where they were going', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit(
      {
        type: 'files',
        jobId: 'job-1',
        results: [
          fileResult(1),
          fileResult(2, {
            status: 'failed',
            src: '/src/dir/b.txt',
            dst: '/dst/dir/b.txt',
            error: { code: 'IO_ERROR', message: 'x' },
          }),
          fileResult(3, {
            status: 'failed',
            src: '/src/dir/c.txt',
            dst: '/dst/dir/c.txt',
            error: { code: 'IO_ERROR', message: 'y' },
          }),
        ],
      },
      { type: 'finished', summary: summary({ filesFailed: 2 }) },
    )
    await user.click(screen.getByRole('button', { name: 'Retry failed' }))
    expect(ferry.start).toHaveBeenLastCalledWith({
      sources: ['/src/dir/b.txt', '/src/dir/c.txt'],
      destination: '/dst/dir',
      intoDestination: true,
      onConflict: 'skip',
      verify: false,
    })
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Job progress' })).toHaveTextContent('Retrying failed files'),
    )
  })

  it('offers no Retry while the job runs', () => {
    const { emit } = renderRunningApp()
    emit({
      type: 'files',
      jobId: 'job-1',
      results: [fileResult(1, { status: 'failed', error: { code: 'IO_ERROR', message: 'x' } })],
    })
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeDisabled()
  })

  it('shows an empty state before the first copy', () => {
    renderApp()
    expect(screen.queryByRole('region', { name: 'Job progress' })).not.toBeInTheDocument()
    expect(screen.getByText('Nothing is being copied')).toBeInTheDocument()
  })
})
