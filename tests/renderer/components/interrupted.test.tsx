import { screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { InterruptedJob } from '../../../src/shared/ipc'
import { createFakeFerry } from '../helpers/fake-ferry'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '../../../src/renderer/src/components/App'

const cut: InterruptedJob = {
  id: 'ab'.repeat(16),
  startedAt: '2026-12-05T10:00:00.000Z',
  files: 1234,
  options: { sources: ['/home/me/photos'], destination: '/mnt/usb', intoDestination: true },
}

function renderWith(jobs: InterruptedJob[]) {
  const ferry = createFakeFerry()
  vi.mocked(ferry.interrupted).mockResolvedValue({ ok: true, value: jobs })
  const user = userEvent.setup()
  render(<App ferry={ferry} />)
  return { ferry, user }
}

describe('interrupted copies', () => {
  it('offers Resume, which starts the same job again', async () => {
    const { ferry, user } = renderWith([cut])
    const region = await screen.findByRole('region', { name: 'Interrupted copies' })
    expect(region).toHaveTextContent('A copy did not finish')
    expect(region).toHaveTextContent('Into /mnt/usb')
    expect(region).toHaveTextContent('1,234 files were done')
    await user.click(within(region).getByRole('button', { name: 'Resume the copy into /mnt/usb' }))
    expect(ferry.start).toHaveBeenCalledExactlyOnceWith(cut.options)
  })

  it('Discard forgets it', async () => {
    const { ferry, user } = renderWith([cut])
    const region = await screen.findByRole('region', { name: 'Interrupted copies' })
    await user.click(
      within(region).getByRole('button', { name: 'Discard the interrupted copy into /mnt/usb' }),
    )
    expect(ferry.discardInterrupted).toHaveBeenCalledWith(cut.id)
    expect(screen.queryByRole('region', { name: 'Interrupted copies' })).toBeNull()
    expect(ferry.start).not.toHaveBeenCalled()
  })

  it('shows nothing when there is nothing to resume', async () => {
    const { ferry } = renderWith([])
    await vi.waitFor(() => expect(ferry.interrupted).toHaveBeenCalled())
    expect(screen.queryByRole('region', { name: 'Interrupted copies' })).toBeNull()
  })
})
