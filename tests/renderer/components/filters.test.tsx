import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { renderApp } from '../helpers/render-app'

async function fillPaths(user: ReturnType<typeof renderApp>['user']): Promise<void> {
  await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
  await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
}

describe('filters in the start form', () => {
  it('sends the patterns, one per line (blank and # lines dropped), and the junk preset', async () => {
    const { user, ferry } = renderApp()
    await fillPaths(user)
    const junk = screen.getByRole('checkbox', { name: 'Leave out system junk' })
    expect(junk).toHaveAccessibleDescription(/\.DS_Store, \._\*, Thumbs\.db, desktop\.ini/)
    await user.click(junk)
    await user.type(
      screen.getByRole('textbox', { name: 'Leave out (one pattern per line)' }),
      '*.tmp{Enter}{Enter}# a note{Enter}cache/',
    )
    await user.type(screen.getByRole('textbox', { name: 'Copy only (one pattern per line)' }), '*.jpg')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ exclude: ['*.tmp', 'cache/'], include: ['*.jpg'], excludeJunk: true }),
    )
  })

  it('sends no filter options when the fields are empty', async () => {
    const { user, ferry } = renderApp()
    await fillPaths(user)
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    const request = vi.mocked(ferry.start).mock.calls[0]![0]
    expect(request).not.toHaveProperty('exclude')
    expect(request).not.toHaveProperty('include')
    expect(request).not.toHaveProperty('excludeJunk')
  })

  it('refuses a pattern longer than the engine takes, in the field, and starts nothing', async () => {
    const { user, ferry } = renderApp()
    await fillPaths(user)
    const field = screen.getByRole('textbox', { name: 'Leave out (one pattern per line)' })
    await user.click(field)
    await user.paste('x'.repeat(5000))
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    expect(ferry.start).not.toHaveBeenCalled()
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveAccessibleDescription(/at most 1,000 per field, each at most 4,096 characters/)
    expect(field).toHaveFocus()
  })

  it('previews what the filters leave out, from a survey of the job as Start would send it', async () => {
    const { user, ferry } = renderApp()
    await fillPaths(user)
    await user.type(screen.getByRole('textbox', { name: 'Leave out (one pattern per line)' }), '*.tmp')
    vi.mocked(ferry.survey).mockResolvedValueOnce({
      ok: true,
      value: {
        roots: [],
        files: 3,
        folders: 1,
        symlinks: 0,
        bytes: 3,
        existing: 0,
        unreadable: { count: 0, first: [] },
        unwritable: [],
        excluded: { count: 2, first: ['a/x.tmp', 'a/y.tmp'] },
        beyondLimits: {},
        complete: true,
        freeBytes: null,
        warnings: [],
      },
    })
    await user.click(screen.getByRole('button', { name: 'Preview what is left out' }))
    expect(ferry.survey).toHaveBeenCalledWith(expect.objectContaining({ exclude: ['*.tmp'] }))
    expect(await screen.findByText('2 items are left out: a/x.tmp, a/y.tmp')).toBeInTheDocument()
    expect(ferry.start).not.toHaveBeenCalled()
  })
})
