import { describe, expect, it, vi } from 'vitest'
import type { FileResult, FileStatus } from '../../../src/shared/job'
import { ResultStore } from '../../../src/renderer/src/state/result-store'

function result(id: number, status: FileStatus, patch: Partial<FileResult> = {}): FileResult {
  return {
    id,
    name: `f${id}`,
    src: `/s/f${id}`,
    dst: `/d/f${id}`,
    size: id * 10,
    kind: 'file',
    status,
    ...patch,
  }
}

describe('ResultStore', () => {
  it('keeps rows in arrival order with their status, kind, reason and error', () => {
    const store = new ResultStore()
    store.append([
      result(1, 'done'),
      result(2, 'skipped', { skipReason: 'exists', kind: 'symlink' }),
      result(3, 'failed', { error: { code: 'PERMISSION_DENIED', message: 'Cannot read /s/f3' } }),
    ])
    expect(store.length).toBe(3)
    expect(store.row(0)).toEqual({ index: 0, name: 'f1', size: 10, kind: 'file', status: 'done' })
    expect(store.row(1)).toMatchObject({ status: 'skipped', skipReason: 'exists', kind: 'symlink' })
    expect(store.row(2)).toMatchObject({ status: 'failed', error: { code: 'PERMISSION_DENIED' } })
  })

  it('filters by status without scanning', () => {
    const store = new ResultStore()
    store.append([result(1, 'done'), result(2, 'failed'), result(3, 'done'), result(4, 'cancelled')])
    expect(store.count('all')).toBe(4)
    expect(store.count('done')).toBe(2)
    expect(store.indexAt('done', 1)).toBe(2)
    expect(store.indexAt('failed', 0)).toBe(1)
    expect(store.row(store.indexAt('cancelled', 0)).name).toBe('f4')
  })

  it('keeps whole failed records (source and destination) for Retry failed', () => {
    const store = new ResultStore()
    const bad = result(7, 'failed', { kind: 'directory' })
    store.append([result(1, 'done'), bad])
    expect(store.failures()).toEqual([bad])
    expect(store.row(1).kind).toBe('directory')
  })

  it('grows past its first buffers and holds 100,000 rows', () => {
    const store = new ResultStore()
    for (let batch = 0; batch < 100; batch++) {
      store.append(
        Array.from({ length: 1000 }, (_, i) => result(batch * 1000 + i, i % 10 === 0 ? 'failed' : 'done')),
      )
    }
    expect(store.length).toBe(100_000)
    expect(store.count('failed')).toBe(10_000)
    expect(store.row(99_999)).toMatchObject({ name: 'f99999', size: 999_990, status: 'done' })
    expect(store.indexAt('failed', 9_999)).toBe(99_990)
  })

  it('notifies once per batch and changes its version; clear empties it', () => {
    const store = new ResultStore()
    const listener = vi.fn()
    const unsubscribe = store.subscribe(listener)
    const v0 = store.getVersion()
    store.append([result(1, 'done'), result(2, 'failed')])
    store.append([])
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.getVersion()).not.toBe(v0)
    store.clear()
    expect(store.length).toBe(0)
    expect(store.count('failed')).toBe(0)
    expect(store.failures()).toEqual([])
    expect(listener).toHaveBeenCalledTimes(2)
    unsubscribe()
    store.append([result(3, 'done')])
    expect(listener).toHaveBeenCalledTimes(2)
  })
})
