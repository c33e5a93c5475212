/**
 * What the window offers when a job ends: "Open destination" in Electron (asking the main process by job id, never
 * by path), the path and a copy button in the browser shell (which cannot open folders), and "Safe to remove" when
 * the copies are durable on a removable drive.
 */
import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { summary } from '../helpers/fixtures'
import { renderRunningApp } from '../helpers/render-app'

afterEach(() => vi.unstubAllGlobals())

describe('when a job ends', () => {
  it('Electron: "Open destination" asks the main process to open the job\'s destination by id', async () => {
    const { ferry, emit, user } = renderRunningApp('electron')
    emit({ type: 'finished', summary: summary({ filesTotal: 2, filesDone: 2 }) })
    await user.click(screen.getByRole('button', { name: 'Open destination' }))
    expect(ferry.openDestination).toHaveBeenCalledWith('job-1')
    expect(screen.queryByRole('button', { name: 'Copy path' })).toBeNull()
  })

  it('Electron: a folder that cannot be opened is said in the window', async () => {
    const { ferry, emit, user } = renderRunningApp('electron')
    vi.mocked(ferry.openDestination).mockResolvedValueOnce({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', path: '/dst' },
    })
    emit({ type: 'finished', summary: summary({ filesTotal: 1, filesDone: 1 }) })
    await user.click(screen.getByRole('button', { name: 'Open destination' }))
    await waitFor(() => expect(screen.getByText(/\/dst/, { selector: 'p' })).toBeTruthy())
  })

  it('browser shell: shows the path with a copy button instead', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    const { ferry, emit, user } = renderRunningApp('web')
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    emit({ type: 'finished', summary: summary({ filesTotal: 2, filesDone: 2 }) })
    expect(screen.queryByRole('button', { name: 'Open destination' })).toBeNull()
    expect(screen.getByText('Copied into /dst')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Copy path' }))
    expect(writeText).toHaveBeenCalledWith('/dst')
    expect(await screen.findByText('Path copied')).toBeTruthy()
    expect(ferry.openDestination).not.toHaveBeenCalled()
  })

  it('offers no destination when nothing landed there', () => {
    const { emit } = renderRunningApp('electron')
    emit({ type: 'finished', summary: summary({ filesTotal: 3, filesFailed: 3 }) })
    expect(screen.queryByRole('button', { name: 'Open destination' })).toBeNull()
  })

  it('says "Safe to remove" only when every copy is durable on a removable destination', () => {
    const first = renderRunningApp()
    first.emit({
      type: 'finished',
      summary: summary({ filesTotal: 1, filesDone: 1, durable: true, removable: true }),
    })
    expect(screen.getByRole('status')).toHaveTextContent('Safe to remove')
    first.unmount()
    const second = renderRunningApp()
    second.emit({
      type: 'finished',
      summary: summary({ filesTotal: 1, filesDone: 1, durable: false, removable: true }),
    })
    expect(screen.getByRole('status')).not.toHaveTextContent('Safe to remove')
  })
})
