import { act, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ResultStore } from '../../../src/renderer/src/state/result-store'
import { useResultVersion } from '../../../src/renderer/src/state/use-result-version'
import { fileResult } from '../helpers/fixtures'

describe('useResultVersion', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('shows the first batch at once, then at most one render per interval, ending on the last batch', () => {
    const store = new ResultStore()
    let renders = 0
    function Count() {
      useResultVersion(store, 200)
      renders++
      return <p>{store.length}</p>
    }
    const { container } = render(<Count />)
    const initial = renders
    act(() => store.append([fileResult(1)]))
    expect(container).toHaveTextContent(/^1$/)
    for (let i = 2; i <= 20; i++) act(() => store.append([fileResult(i)]))
    expect(container).toHaveTextContent(/^1$/)
    act(() => vi.advanceTimersByTime(200))
    expect(container).toHaveTextContent(/^20$/)
    expect(renders - initial).toBe(2)
  })
})
