import { describe, expect, it } from 'vitest'
import type { FileResult } from '../../../src/shared/job'
import { isPermanentFailure, planRetry, retryableFailures } from '../../../src/renderer/src/lib/retry-plan'

let nextId = 0
function failed(
  src: string,
  dst: string,
  kind: FileResult['kind'] = 'file',
  code: NonNullable<FileResult['error']>['code'] = 'PERMISSION_DENIED',
): FileResult {
  return {
    id: nextId++,
    name: src,
    src,
    dst,
    size: 1,
    kind,
    status: 'failed',
    error: { code, message: 'no' },
  }
}

describe('planRetry', () => {
  const base = { onConflict: 'overwrite' as const, verify: true }

  it('groups failures by destination folder, copied into it, in first-failure order, keeping the options', () => {
    const plan = planRetry(
      [
        failed('/s/a/1.txt', '/d/s/a/1.txt'),
        failed('/s/b/2.txt', '/d/s/b/2.txt'),
        failed('/s/a/3.txt', '/d/s/a/3.txt'),
      ],
      base,
    )
    expect(plan).toEqual([
      { ...base, sources: ['/s/a/1.txt', '/s/a/3.txt'], destination: '/d/s/a', intoDestination: true },
      { ...base, sources: ['/s/b/2.txt'], destination: '/d/s/b', intoDestination: true },
    ])
  })

  it('sends a lone file into its folder, which the engine creates if missing (never a file named like it)', () => {
    expect(planRetry([failed('/s/x.bin', '/d/new/x.bin')], {})).toEqual([
      { sources: ['/s/x.bin'], destination: '/d/new', intoDestination: true },
    ])
  })

  it('keeps a new name (a file copied under another name, or a "keep both" rename)', () => {
    const plan = planRetry([failed('/s/r.txt', '/d/r (1).txt'), failed('/s/q.txt', '/d/q.txt')], {})
    expect(plan).toEqual([
      { sources: ['/s/r.txt'], destination: '/d/r (1).txt' },
      { sources: ['/s/q.txt'], destination: '/d', intoDestination: true },
    ])
  })

  it('copies a failed folder into its parent, never into itself', () => {
    expect(planRetry([failed('/s/locked', '/d/s/locked', 'directory')], {})).toEqual([
      { sources: ['/s/locked'], destination: '/d/s', intoDestination: true },
    ])
  })

  it('handles Windows paths', () => {
    const plan = planRetry(
      [failed('C:\\s\\a.txt', 'D:\\d\\a.txt'), failed('C:\\s\\b.txt', 'D:\\d\\b.txt')],
      {},
    )
    expect(plan).toEqual([
      { sources: ['C:\\s\\a.txt', 'C:\\s\\b.txt'], destination: 'D:\\d', intoDestination: true },
    ])
  })

  it('plans nothing for no failures', () => {
    expect(planRetry([], base)).toEqual([])
  })

  it('never retries what cannot succeed: a named pipe or device, or a name too long for the destination', () => {
    const fifo = failed('/s/pipe.fifo', '/d/pipe.fifo', 'file', 'UNSUPPORTED')
    const long = failed('/s/long', '/d/long', 'file', 'NAME_TOO_LONG')
    const locked = failed('/s/locked.txt', '/d/locked.txt')
    expect(isPermanentFailure(fifo)).toBe(true)
    expect(isPermanentFailure(long)).toBe(true)
    expect(isPermanentFailure(locked)).toBe(false)
    expect(retryableFailures([fifo, locked, long])).toEqual([locked])
  })
})
