/**
 * A modal built on the native `<dialog>`: `showModal()` gives focus containment, a backdrop and an inert page for
 * free, and Escape arrives as a `cancel` event that each use decides about.
 *
 * Focus: `showModal()` focuses the dialog's first focusable element, and React's `autoFocus` would run before the
 * effect that opens the dialog (and before the opener is noted), so uses mark their initial control with
 * `data-autofocus` instead and it is focused after opening. When the modal goes away, the focus returns to what
 * had it before (the dialog is already detached when React runs the cleanup, so the browser's own return of focus
 * cannot happen).
 */
import { useEffect, useRef, type ReactNode } from 'react'

export interface ModalProps {
  /** `alertdialog` for confirmations that interrupt (terminate), `dialog` otherwise. */
  role?: 'dialog' | 'alertdialog'
  labelledBy: string
  describedBy?: string
  /**
   * Escape. Return false to keep the dialog open (the conflict prompt must be answered); Chromium closes a
   * dialog anyway on a second Escape, so a still-wanted dialog is shown again on `close`.
   */
  onEscape: () => boolean
  className?: string
  children: ReactNode
}

/** Shown while mounted; unmount it to close it. */
export function Modal({
  role = 'dialog',
  labelledBy,
  describedBy,
  onEscape,
  className = '',
  children,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const escape = useRef(onEscape)
  useEffect(() => {
    escape.current = onEscape
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    let wanted = true
    const onCancel = (event: Event): void => {
      if (!escape.current()) event.preventDefault()
      else wanted = false
    }
    // Closed by the browser while still needed (repeated Escape): show it again.
    const onClose = (): void => {
      if (wanted && dialog.isConnected) dialog.showModal()
    }
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onClose)
    return () => {
      wanted = false
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onClose)
      if (dialog.open) dialog.close()
      if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={
        'm-auto max-h-[calc(100vh-2rem)] w-[min(34rem,calc(100vw-2rem))] overflow-auto rounded-xl bg-white p-0 ' +
        'text-zinc-900 shadow-2xl ring-1 ring-zinc-200 backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[1px] ' +
        `dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:backdrop:bg-black/60 ${className}`
      }
    >
      {children}
    </dialog>
  )
}
