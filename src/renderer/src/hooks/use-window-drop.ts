/**
 * The whole window is a drop target for sources. Every drag over the page is taken (`preventDefault`), so a drop
 * anywhere, even beside the source list or while a copy runs, never makes the browser open the file and leave Ferry.
 */
import { useEffect, useRef, useState } from 'react'

/**
 * Calls `onDrop` with each drop's data while `enabled`; returns whether files are being dragged over the window
 * (to highlight the source list).
 */
export function useWindowDrop(onDrop: (data: DataTransfer) => void, enabled: boolean): boolean {
  const [dragging, setDragging] = useState(false)
  const latest = useRef({ onDrop, enabled })
  useEffect(() => {
    latest.current = { onDrop, enabled }
  })

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; count them so leaving a child is not leaving the window.
    let depth = 0
    const over = (event: DragEvent): void => {
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = latest.current.enabled ? 'copy' : 'none'
    }
    const enter = (event: DragEvent): void => {
      event.preventDefault()
      depth++
      if (latest.current.enabled) setDragging(true)
    }
    const leave = (): void => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (event: DragEvent): void => {
      event.preventDefault()
      depth = 0
      setDragging(false)
      if (latest.current.enabled && event.dataTransfer) latest.current.onDrop(event.dataTransfer)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [])
  return dragging
}
