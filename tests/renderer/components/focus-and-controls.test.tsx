import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { fileResult, progress, question, summary } from '../helpers/fixtures'
import { renderApp, renderRunningApp } from '../helpers/render-app'

const heading = () =>
  within(screen.getByRole('region', { name: 'Job progress' })).getByRole('heading', { level: 2 })

describe('focus follows the job', () => {
  it('moves to the job card after Start (the Start button is disabled, the focus must not fall to the page)', async () => {
    const { user, emit } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    emit({ type: 'started', jobId: 'job-1', options: { sources: ['/src/a'], destination: '/dst' } })
    await waitFor(() => expect(heading()).toHaveFocus())
  })

  it('returns to the card heading after Cancel and at the end of the job', async () => {
    const { user, emit } = renderRunningApp()
    emit({ type: 'progress', progress: progress() })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await screen.findByText('Copy cancelled')
    expect(heading()).toHaveFocus()
  })

  it('returns to Terminate after Escape in the Terminate dialog', async () => {
    const { user } = renderRunningApp()
    await user.click(screen.getByRole('button', { name: 'Terminate' }))
    // Escape reaches a modal <dialog> as a `cancel` event (jsdom does not turn the key into one).
    fireEvent(screen.getByRole('alertdialog'), new Event('cancel', { cancelable: true }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument())
    expect(screen.getByRole('button', { name: 'Terminate' })).toHaveFocus()
  })

  it('opens the conflict question with the primary action focused, so Enter answers it', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'conflict', question: question({ conflictId: 3 }) })
    const dialog = screen.getByRole('dialog', { name: 'File already exists' })
    expect(within(dialog).getByRole('button', { name: 'Replace' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(ferry.answerConflict).toHaveBeenCalledWith(
      expect.objectContaining({ conflictId: 3, answer: { choice: 'overwrite', applyToAll: false } }),
    )
  })

  it('cuts conflict paths in the middle: the file name is never the part hidden', () => {
    const { emit } = renderRunningApp()
    const deep = `/home/u/${'very-long-folder-name/'.repeat(8)}quarterly report.pdf`
    emit({ type: 'conflict', question: question({ source: { path: deep, size: 1, mtimeMs: 0 } }) })
    const dialog = screen.getByRole('dialog', { name: 'File already exists' })
    const names = dialog.querySelectorAll('[data-part="name"]')
    expect([...names].map((n) => n.textContent)).toContain('quarterly report.pdf')
    expect(within(dialog).getByText(deep)).toHaveClass('sr-only')
  })
})

describe('Terminate', () => {
  it('is red, with no grey text class fighting the red one', () => {
    renderRunningApp()
    const terminate = screen.getByRole('button', { name: 'Terminate' })
    expect(terminate.className).toContain('text-rose-700')
    expect(terminate.className).not.toMatch(/(^|\s)text-zinc-\d+/)
  })

  it('says "Stay paused" while paused, and says the copy ended if it ends while the dialog is open', async () => {
    const { user, emit } = renderRunningApp()
    emit({ type: 'progress', progress: progress({ state: 'paused' }) })
    await user.click(screen.getByRole('button', { name: 'Terminate' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Terminate copy?' })
    expect(within(dialog).getByRole('button', { name: 'Stay paused' })).toHaveFocus()
    expect(within(dialog).queryByRole('button', { name: 'Keep copying' })).not.toBeInTheDocument()
    emit({ type: 'finished', summary: summary({ filesDone: 1, filesTotal: 1 }) })
    const ended = screen.getByRole('alertdialog', { name: 'The copy has already ended' })
    await user.click(within(ended).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  })
})

describe('after a stop', () => {
  it('"Copy the rest" runs the copy again, skipping what is already at the destination', async () => {
    const { user, emit, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src/a{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.selectOptions(screen.getByRole('combobox', { name: 'If a file exists' }), 'Replace')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    emit(
      { type: 'started', jobId: 'job-1', options: { sources: ['/src/a'], destination: '/dst' } },
      {
        type: 'finished',
        summary: summary({ state: 'cancelled', filesDone: 3, filesNotStarted: 7, filesTotal: 10 }),
      },
    )
    vi.mocked(ferry.start).mockClear()
    await user.click(await screen.findByRole('button', { name: 'Copy the rest' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith({
      sources: ['/src/a'],
      destination: '/dst',
      intoDestination: true,
      onConflict: 'skip',
      verify: false,
    })
  })

  it('"Copy the rest" copies exactly the stopped files when nothing was left unstarted', async () => {
    const { user, emit, ferry } = renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Source path' }), '/src{Enter}')
    await user.type(screen.getByRole('textbox', { name: 'Destination folder' }), '/dst')
    await user.click(screen.getByRole('button', { name: 'Start copy' }))
    emit(
      { type: 'started', jobId: 'job-1', options: { sources: ['/src'], destination: '/dst' } },
      {
        type: 'files',
        jobId: 'job-1',
        results: [
          fileResult(1),
          fileResult(2, { status: 'cancelled', src: '/src/big.iso', dst: '/dst/src/big.iso' }),
        ],
      },
      {
        type: 'finished',
        summary: summary({ state: 'terminated', filesDone: 1, filesCancelled: 1, filesTotal: 2 }),
      },
    )
    vi.mocked(ferry.start).mockClear()
    await user.click(await screen.findByRole('button', { name: 'Copy the rest' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith({
      sources: ['/src/big.iso'],
      destination: '/dst/src',
      intoDestination: true,
      onConflict: 'skip',
      verify: false,
    })
  })

  it('offers no "Copy the rest" after a job that finished', () => {
    const { emit } = renderRunningApp()
    emit({ type: 'finished', summary: summary({ filesDone: 1, filesTotal: 1 }) })
    expect(screen.queryByRole('button', { name: 'Copy the rest' })).not.toBeInTheDocument()
  })
})
