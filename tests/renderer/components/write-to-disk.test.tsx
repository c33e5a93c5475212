/**
 * "Write to disk before finishing" (the `sync` option, issue 11): on by default, its hint says off is not
 * crash-safe, and turning it off sends `sync: false`. The "Writing to disk…" phase has its own determinate bar.
 */
import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { progress } from '../helpers/fixtures'
import { renderApp, renderRunningApp } from '../helpers/render-app'

describe('Write to disk before finishing', () => {
  it('is on by default and sends sync: false only when turned off', async () => {
    const { user, ferry } = renderApp()
    const box = screen.getByRole('checkbox', { name: 'Write to disk before finishing' })
    expect(box).toBeChecked()
    expect(box).toHaveAccessibleDescription(/not crash-safe/)
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(box)
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ sync: false }))
  })

  it('leaves sync out (the safe default) when on', async () => {
    const { user, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledOnce()
    expect(vi.mocked(ferry.start).mock.calls[0]![0]).not.toHaveProperty('sync')
  })

  it('is always on for a move (a source is deleted only once its copy is on the disk)', async () => {
    const { user, ferry } = renderApp()
    const box = screen.getByRole('checkbox', { name: 'Write to disk before finishing' })
    await user.click(box)
    expect(box).not.toBeChecked()
    await user.click(screen.getByRole('checkbox', { name: 'Move instead of copy' }))
    expect(box).toBeChecked()
    expect(box).toBeDisabled()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ move: true }))
    expect(vi.mocked(ferry.start).mock.calls[0]![0]).not.toHaveProperty('sync')
  })
})

describe('the Writing to disk… phase', () => {
  it('shows a determinate bar that fills as the bytes left to flush go down', () => {
    const { emit } = renderRunningApp()
    const MiB = 1024 * 1024
    const syncing = (left: number) =>
      progress({
        bytesDone: 100 * MiB,
        bytesTotal: 100 * MiB,
        phase: 'syncing',
        bytesToFlush: 80 * MiB,
        systemDirtyBytes: left,
      })
    emit({ type: 'progress', progress: syncing(80 * MiB) })
    const region = screen.getByRole('region', { name: 'Job progress' })
    expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent('Writing to disk…')
    const bar = () => within(region).getByRole('progressbar', { name: 'Writing to disk…' })
    expect(bar()).toHaveAttribute('aria-valuenow', '0')
    expect(bar()).toHaveAttribute('aria-valuetext', 'Writing to disk: 80.0 MiB left')
    emit({ type: 'progress', progress: syncing(20 * MiB) })
    expect(bar()).toHaveAttribute('aria-valuenow', '75')
    emit({ type: 'progress', progress: { ...syncing(0), phase: 'copying' } })
    expect(within(region).queryByRole('progressbar', { name: 'Writing to disk…' })).toBeNull()
  })
})
