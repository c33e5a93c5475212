import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { progress } from '../helpers/fixtures'
import { renderApp, renderRunningApp } from '../helpers/render-app'

const MiB = 2 ** 20

const inFlight = [
  {
    id: 4,
    name: 'photos/a.jpg',
    src: '/src/photos/a.jpg',
    dst: '/dst/photos/a.jpg',
    size: 8 * MiB,
    bytesDone: MiB,
  },
  {
    id: 9,
    name: 'film.mkv',
    src: '/src/film.mkv',
    dst: '/dst/film.mkv',
    size: 900 * MiB,
    bytesDone: 9 * MiB,
  },
]

describe('Skip this file', () => {
  it('each in-flight file has a Skip button that asks the engine to skip that file of that job', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'progress', progress: progress({ inFlight }) })
    const region = screen.getByRole('region', { name: 'Job progress' })
    await user.click(within(region).getByRole('button', { name: 'Skip film.mkv' }))
    expect(ferry.skipFile).toHaveBeenCalledWith('job-1', 9)
    expect(ferry.skipFile).toHaveBeenCalledTimes(1)
  })

  it('offers no Skip while the job is stopping', async () => {
    const { emit, user } = renderRunningApp()
    emit({ type: 'progress', progress: progress({ inFlight }) })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('button', { name: /^Skip / })).toBeNull()
  })

  it('shows an error the engine answers with', async () => {
    const { emit, user, ferry } = renderRunningApp()
    vi.mocked(ferry.skipFile).mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'There is no copy job with id "job-1".' },
    })
    emit({ type: 'progress', progress: progress({ inFlight }) })
    await user.click(screen.getByRole('button', { name: 'Skip photos/a.jpg' }))
    expect(await screen.findByText(/no copy job/)).toBeInTheDocument()
  })
})

describe('speed limit', () => {
  it('changes the running job’s limit at once', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'progress', progress: progress({ inFlight }) })
    const region = screen.getByRole('region', { name: 'Job progress' })
    const menu = within(region).getByRole('combobox', { name: 'Speed limit' })
    expect(menu).toHaveValue('0')
    await user.selectOptions(menu, String(10 * MiB))
    expect(ferry.setBandwidthLimit).toHaveBeenCalledWith('job-1', 10 * MiB)
    expect(menu).toHaveValue(String(10 * MiB))
    await user.selectOptions(menu, 'No limit')
    expect(ferry.setBandwidthLimit).toHaveBeenLastCalledWith('job-1', 0)
  })

  it('the start form sends the chosen limit with the job, and none by default', async () => {
    const { user, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    const menu = screen.getByRole('combobox', { name: 'Speed limit' })
    expect(menu).toHaveDisplayValue('No limit')
    expect(menu).toHaveAccessibleDescription(/all threads together/)
    await user.selectOptions(menu, String(25 * MiB))
    expect(menu).toHaveDisplayValue('25.0 MiB/s')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ bandwidthLimit: 25 * MiB }))
  })
})
