/**
 * A virtualised list (@tanstack/react-virtual): only the rows in view (plus a few) exist in the DOM, so 100,000
 * rows scroll as smoothly as ten. Rows have a fixed height, which keeps the maths exact and nothing jumps.
 * While the list is scrolled to its end it follows new rows, like a log; scrolling up stops following.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type ReactNode } from 'react'

export interface VirtualRowsProps {
  count: number
  rowHeight: number
  /** Renders the `n`-th row's content (0-based). */
  renderRow: (n: number) => ReactNode
  label: string
  /** Keep the newest row in view while the user has not scrolled away from the end. */
  follow?: boolean
  className?: string
}

export function VirtualRows({
  count,
  rowHeight,
  renderRow,
  label,
  follow = false,
  className = '',
}: VirtualRowsProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const atEnd = useRef(true)
  const lastTop = useRef(0)
  // The virtualizer returns functions React's compiler cannot memoise; it is the library's documented use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  })

  useEffect(() => {
    if (follow && atEnd.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [count, follow, virtualizer])

  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget
        const nearEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight
        // Only scrolling up stops following. A scroll event arrives a frame after the scroll that caused it; by then
        // more rows may have made the list taller, so the list's own scroll to the end can look "short of the end".
        atEnd.current = el.scrollTop < lastTop.current ? nearEnd : atEnd.current || nearEnd
        lastTop.current = el.scrollTop
      }}
      className={`relative overflow-y-auto overscroll-contain focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${className}`}
    >
      <div
        role="list"
        aria-label={label}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => (
          <div
            key={item.key}
            role="listitem"
            aria-posinset={item.index + 1}
            aria-setsize={count}
            className="absolute top-0 left-0 w-full"
            style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  )
}
