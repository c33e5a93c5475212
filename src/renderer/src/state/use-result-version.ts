/**
 * Subscribes a component to a {@link ResultStore}, re-rendering at most every `intervalMs`: the first change after
 * a quiet spell at once, later ones together at the end of the interval (the last change always arrives). A list of 100,000 rows need not redraw for every batch: a few times a second looks live and leaves the
 * renderer idle between frames.
 */
import { useCallback, useSyncExternalStore } from 'react'
import type { ResultStore } from './result-store'

/** Returns the store's version, updated at most every `intervalMs` milliseconds. */
export function useResultVersion(store: ResultStore, intervalMs = 200): number {
  const subscribe = useCallback(
    (listener: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      let last = 0
      const unsubscribe = store.subscribe(() => {
        if (timer !== undefined) return
        const wait = last + intervalMs - Date.now()
        if (wait <= 0) {
          // Leading edge: the first change after a quiet spell shows at once.
          last = Date.now()
          listener()
          return
        }
        timer = setTimeout(() => {
          timer = undefined
          last = Date.now()
          listener()
        }, wait)
      })
      return () => {
        unsubscribe()
        if (timer !== undefined) clearTimeout(timer)
      }
    },
    [store, intervalMs],
  )
  return useSyncExternalStore(subscribe, store.getVersion)
}
