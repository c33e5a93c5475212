import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { FileResult } from '../../../src/shared/job'
import { FilesPanel, ROW_HEIGHT } from '../../../src/renderer/src/components/FilesPanel'
import { ResultStore } from '../../../src/renderer/src/state/result-store'
import { fileResult } from '../helpers/fixtures'
import { FAKE_CLIENT_HEIGHT } from '../setup'

function fill(store: ResultStore, total: number): void {
  const batch: FileResult[] = []
  for (let i = 0; i < total; i++) {
    batch.push(
      fileResult(i, {
        name: `tree/file-${i}.bin`,
        status: i % 100 === 7 ? 'failed' : 'done',
        ...(i % 100 === 7 ? { error: { code: 'IO_ERROR' as const, message: `broken ${i}` } } : {}),
      }),
    )
    if (batch.length === 5000) store.append(batch.splice(0))
  }
  store.append(batch)
}

describe('files list', () => {
  it('renders only a window of 100,000 rows and moves it as the list scrolls', () => {
    const store = new ResultStore()
    fill(store, 100_000)
    render(<FilesPanel store={store} />)
    const region = screen.getByRole('region', { name: 'Files' })
    const list = within(region).getByRole('list', { name: 'Finished files' })
    let rows = within(list).getAllByRole('listitem')
    const visible = Math.ceil(FAKE_CLIENT_HEIGHT / ROW_HEIGHT)
    expect(rows.length).toBeGreaterThanOrEqual(visible)
    expect(rows.length).toBeLessThan(visible + 20)
    expect(rows[0]).toHaveAttribute('aria-setsize', '100000')
    expect(rows[0]).toHaveTextContent('tree/file-0.bin')
    // The list is as tall as all its rows, so the scrollbar is true to size.
    expect(list.style.height).toBe(`${100_000 * ROW_HEIGHT}px`)

    const scroller = list.parentElement!
    act(() => {
      scroller.scrollTop = 50_000 * ROW_HEIGHT
      fireEvent.scroll(scroller)
    })
    rows = within(list).getAllByRole('listitem')
    expect(rows.length).toBeLessThan(visible + 20)
    expect(list).toHaveTextContent('tree/file-50000.bin')
    expect(list).not.toHaveTextContent('tree/file-0.bin')
  })

  it('filters by outcome through tabs, with counts', () => {
    const store = new ResultStore()
    fill(store, 1_000)
    render(<FilesPanel store={store} />)
    const failedTab = screen.getByRole('tab', { name: /Failed 10/ })
    fireEvent.click(failedTab)
    expect(failedTab).toHaveAttribute('aria-selected', 'true')
    const rows = within(screen.getByRole('list', { name: 'Finished files' })).getAllByRole('listitem')
    expect(rows).toHaveLength(10)
    expect(rows[0]).toHaveTextContent('tree/file-7.bin')
    expect(rows[0]).toHaveTextContent('IO_ERROR')
  })

  it('re-renders when a batch arrives, without being handed the rows', () => {
    const store = new ResultStore()
    render(<FilesPanel store={store} />)
    expect(screen.getByText('Files appear here as they finish.')).toBeInTheDocument()
    act(() => store.append([fileResult(1, { name: 'late.txt' })]))
    expect(screen.getByRole('list', { name: 'Finished files' })).toHaveTextContent('late.txt')
    expect(screen.getByRole('tab', { name: /All 1/ })).toBeInTheDocument()
  })
})

describe('each row says what was done', () => {
  it('copied, replaced, kept both (with the final name), skipped, moved', () => {
    const store = new ResultStore()
    store.append([
      fileResult(1, { name: 'a.txt', src: '/s/a.txt', dst: '/d/a.txt', action: 'copied' }),
      fileResult(2, { name: 'b.txt', src: '/s/b.txt', dst: '/d/b.txt', action: 'replaced' }),
      fileResult(3, {
        name: 'report 1.pdf',
        src: '/s/report 1.pdf',
        dst: '/d/report 1 (1).pdf',
        action: 'renamed',
      }),
      fileResult(4, { name: 'c.txt', status: 'skipped', skipReason: 'exists' }),
      fileResult(5, { name: 'm.txt', src: '/s/m.txt', dst: '/d/m.txt', action: 'moved' }),
    ])
    render(<FilesPanel store={store} />)
    const rows = within(screen.getByRole('list', { name: 'Finished files' })).getAllByRole('listitem')
    expect(rows[0]).toHaveTextContent(/a\.txt.*Copied/)
    expect(rows[1]).toHaveTextContent(/b\.txt.*Replaced/)
    expect(rows[1]).not.toHaveTextContent(/Copied$/)
    expect(rows[2]).toHaveTextContent('Kept both, saved as report 1 (1).pdf')
    expect(rows[3]).toHaveTextContent(/c\.txt.*Already there/)
    expect(rows[4]).toHaveTextContent(/m\.txt.*Moved/)
  })
})
