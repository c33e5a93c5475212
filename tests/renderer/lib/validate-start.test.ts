import { describe, expect, it } from 'vitest'
import { validateStart, type StartForm } from '../../../src/renderer/src/lib/validate-start'

const form = (patch: Partial<StartForm> = {}): StartForm => ({
  sources: ['/home/u/Photos'],
  destination: '/mnt/backup',
  onConflict: 'skip',
  verify: false,
  threads: '',
  ...patch,
})

describe('validateStart', () => {
  it('builds the request into the destination folder, leaving threads to the engine when empty', () => {
    expect(validateStart(form({ verify: true, onConflict: 'ask' }))).toEqual({
      ok: true,
      request: {
        sources: ['/home/u/Photos'],
        destination: '/mnt/backup',
        intoDestination: true,
        onConflict: 'ask',
        verify: true,
      },
    })
  })

  it('passes a thread count and trims the destination', () => {
    const result = validateStart(form({ threads: ' 4 ', destination: '  /mnt/b  ' }))
    expect(result).toMatchObject({ ok: true, request: { threads: 4, destination: '/mnt/b' } })
  })

  it('asks for a source first', () => {
    expect(validateStart(form({ sources: [] }))).toMatchObject({ ok: false, field: 'sources' })
  })

  it('refuses relative paths, naming them', () => {
    expect(validateStart(form({ sources: ['docs'] }))).toMatchObject({
      ok: false,
      field: 'sources',
      message: expect.stringContaining('"docs"'),
    })
    expect(validateStart(form({ destination: 'backup' }))).toMatchObject({ ok: false, field: 'destination' })
    expect(validateStart(form({ destination: '   ' }))).toMatchObject({
      ok: false,
      field: 'destination',
      message: 'Choose a destination folder.',
    })
  })

  it('refuses thread counts that are not whole numbers in range', () => {
    for (const threads of ['0', '-1', '2.5', 'many', '65']) {
      expect(validateStart(form({ threads }))).toMatchObject({ ok: false, field: 'threads' })
    }
    expect(validateStart(form({ threads: '64' }))).toMatchObject({ ok: true })
  })
})
