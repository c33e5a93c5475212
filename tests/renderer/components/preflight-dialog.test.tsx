/** Pre-flight (issue 13): before any byte moves, the window asks only when the survey found something to decide. */
import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { SurveyResult } from '../../../src/shared/ipc'
import { renderApp } from '../helpers/render-app'

const GiB = 2 ** 30

function survey(patch: Partial<SurveyResult>): SurveyResult {
  return {
    roots: [{ source: '/src/a', target: '/dst/a', kind: 'directory' }],
    files: 3,
    folders: 1,
    symlinks: 0,
    bytes: 1000,
    existing: 0,
    unreadable: { count: 0, first: [] },
    unwritable: [],
    excluded: { count: 0, first: [] },
    beyondLimits: {},
    complete: true,
    freeBytes: 10 * GiB,
    warnings: [],
    ...patch,
  }
}

async function pressStart(result: SurveyResult) {
  const app = renderApp()
  vi.mocked(app.ferry.survey).mockResolvedValueOnce({ ok: true, value: result })
  await app.user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
  await app.user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
  await app.user.click(screen.getByRole('button', { name: 'Start copy' }))
  return app
}

describe('pre-flight', () => {
  it('starts at once when there is nothing to decide', async () => {
    const { ferry } = await pressStart(survey({}))
    expect(ferry.survey).toHaveBeenCalledOnce()
    expect(ferry.start).toHaveBeenCalledOnce()
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('says when it will not fit; Cancel has the focus and starts nothing; "Copy what fits" starts', async () => {
    const { ferry, user } = await pressStart(survey({ bytes: 12 * GiB, freeBytes: 2 * GiB }))
    const dialog = screen.getByRole('alertdialog', { name: 'Before copying' })
    expect(dialog).toHaveTextContent('It needs 12.0 GiB but only 2.00 GiB is free there')
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    expect(ferry.start).not.toHaveBeenCalled()
    await user.click(within(dialog).getByRole('button', { name: 'Copy what fits' }))
    expect(ferry.start).toHaveBeenCalledOnce()
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('lists what the destination cannot hold, with the first names; Cancel keeps the form', async () => {
    const { ferry, user } = await pressStart(
      survey({
        beyondLimits: {
          FILE_TOO_LARGE: { count: 1, first: ['a/movie.mkv'] },
          NAME_NOT_ALLOWED: { count: 7, first: ['a/x?.txt', 'a/CON.txt'] },
        },
      }),
    )
    const dialog = screen.getByRole('alertdialog', { name: 'Before copying' })
    expect(dialog).toHaveTextContent(
      '1 file is too large for this drive (FAT32 holds up to 4 GiB − 1 byte): a/movie.mkv',
    )
    expect(dialog).toHaveTextContent('7 names are not allowed on this drive: a/x?.txt, a/CON.txt, …')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(ferry.start).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Start copy' })).toBeEnabled()
  })

  it('offers no way on when nothing can be written', async () => {
    await pressStart(survey({ unwritable: [{ path: '/mnt/ro', reason: 'it is on a read-only filesystem' }] }))
    const dialog = screen.getByRole('alertdialog', { name: 'This copy cannot start' })
    expect(dialog).toHaveTextContent('Nothing can be written into /mnt/ro: it is on a read-only filesystem')
    expect(within(dialog).queryByRole('button', { name: /Copy/ })).toBeNull()
  })
})
