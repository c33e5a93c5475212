import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { formatDate } from '../../../src/renderer/src/lib/format'
import { question, summary } from '../helpers/fixtures'
import { renderRunningApp } from '../helpers/render-app'

describe('conflict prompt', () => {
  it("shows both files' size and modification date", () => {
    const { emit } = renderRunningApp()
    const q = question()
    emit({ type: 'conflict', question: q })
    const dialog = screen.getByRole('dialog', { name: 'File already exists' })
    expect(dialog).toHaveTextContent('report.pdf')
    expect(dialog).toHaveTextContent('2.00 MiB')
    expect(dialog).toHaveTextContent('1.50 KiB')
    expect(dialog).toHaveTextContent(formatDate(q.source.mtimeMs))
    expect(dialog).toHaveTextContent(formatDate(q.existing.mtimeMs))
    expect(within(dialog).getByText('Newer')).toBeInTheDocument()
  })

  it.each([
    ['Replace', 'overwrite'],
    ['Skip', 'skip'],
    ['Keep both', 'rename'],
  ] as const)('%s answers %s for this file only', async (button, choice) => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'conflict', question: question({ conflictId: 7 }) })
    await user.click(screen.getByRole('button', { name: button }))
    expect(ferry.answerConflict).toHaveBeenCalledExactlyOnceWith({
      jobId: 'job-1',
      conflictId: 7,
      answer: { choice, applyToAll: false },
    })
    expect(screen.queryByRole('dialog', { name: 'File already exists' })).not.toBeInTheDocument()
  })

  it('sends "Apply to all" with the answer, and starts unchecked for the next question', async () => {
    const { emit, user, ferry } = renderRunningApp()
    emit({ type: 'conflict', question: question({ conflictId: 1 }) })
    await user.click(screen.getByRole('checkbox', { name: 'Apply to all' }))
    await user.click(screen.getByRole('button', { name: 'Keep both' }))
    expect(ferry.answerConflict).toHaveBeenLastCalledWith({
      jobId: 'job-1',
      conflictId: 1,
      answer: { choice: 'rename', applyToAll: true },
    })
    emit({ type: 'conflict', question: question({ conflictId: 2 }) })
    expect(screen.getByRole('checkbox', { name: 'Apply to all' })).not.toBeChecked()
  })

  it('goes away when the job ends without an answer', () => {
    const { emit } = renderRunningApp()
    emit({ type: 'conflict', question: question() })
    emit({ type: 'finished', summary: summary({ state: 'cancelled' }) })
    expect(screen.queryByRole('dialog', { name: 'File already exists' })).not.toBeInTheDocument()
  })
})

describe('conflict prompt dates', () => {
  it('calls neither file newer when their times differ by less than a second', () => {
    const { emit } = renderRunningApp()
    const q = question()
    emit({
      type: 'conflict',
      question: { ...q, existing: { ...q.existing, mtimeMs: q.source.mtimeMs - 400 } },
    })
    expect(screen.queryByText('Newer')).not.toBeInTheDocument()
  })
})
