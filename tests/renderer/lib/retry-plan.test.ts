import { describe, expect, it } from 'vitest'
import type { FileResult } from '../../../src/shared/job'
import { planRetry } from '../../../src/renderer/src/lib/retry-plan'

let nextId = 0
function failed(src: string, dst: string, kind: FileResult['kind'] = 'file'): FileResult {
  return {
    id: nextId++,
    name: src,
    src,
    dst,
    size: 1,
    kind,
    status: 'failed',
    error: { code: 'PERMISSION_DENIED', message: 'no' },
  }
}

describe('planRetry', () => {
  const base = { onConflict: 'overwrite' as const, verify: true }

  it('groups failures by destination folder, in first-failure order, keeping the options', () => {
    const plan = planRetry(
      [
        failed('/s/a/1.txt', '/d/s/a/1.txt'),
        failed('/s/b/2.txt', '/d/s/b/2.txt'),
        failed('/s/a/3.txt', '/d/s/a/3.txt'),
      ],
      base,
    )
    expect(plan).toEqual([
      { ...base, sources: ['/s/a/1.txt', '/s/a/3.txt'], destination: '/d/s/a' },
      { ...base, sources: ['/s/b/2.txt'], destination: '/d/s/b/2.txt' },
    ])
  })

  it('sends a lone file to its exact path, so a missing folder cannot turn into a file of that name', () => {
    expect(planRetry([failed('/s/x.bin', '/d/new/x.bin')], {})).toEqual([
      { sources: ['/s/x.bin'], destination: '/d/new/x.bin' },
    ])
  })

  it('keeps a new name (a file copied under another name, or a "keep both" rename)', () => {
    const plan = planRetry([failed('/s/r.txt', '/d/r (1).txt'), failed('/s/q.txt', '/d/q.txt')], {})
    expect(plan).toEqual([
      { sources: ['/s/r.txt'], destination: '/d/r (1).txt' },
      { sources: ['/s/q.txt'], destination: '/d/q.txt' },
    ])
  })

  it('copies a failed folder into its parent, never into itself', () => {
    expect(planRetry([failed('/s/locked', '/d/s/locked', 'directory')], {})).toEqual([
      { sources: ['/s/locked'], destination: '/d/s' },
    ])
  })

  it('handles Windows paths', () => {
    const plan = planRetry(
      [failed('C:\\s\\a.txt', 'D:\\d\\a.txt'), failed('C:\\s\\b.txt', 'D:\\d\\b.txt')],
      {},
    )
    expect(plan).toEqual([{ sources: ['C:\\s\\a.txt', 'C:\\s\\b.txt'], destination: 'D:\\d' }])
  })

  it('plans nothing for no failures', () => {
    expect(planRetry([], base)).toEqual([])
  })
})
