/**
 * Shared building blocks: buttons, fields and cards with one look in light and dark themes. Every control keeps a
 * visible focus ring so the window can be used from the keyboard alone.
 */
import type { ButtonHTMLAttributes, HTMLAttributes } from 'react'

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'dangerGhost'
type Size = 'sm' | 'md' | 'lg'

const BASE =
  'inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap select-none ' +
  'transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ' +
  'disabled:cursor-not-allowed disabled:opacity-50'

const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-sky-700 text-white shadow-sm hover:bg-sky-800 active:bg-sky-900 disabled:hover:bg-sky-700 ' +
    'dark:bg-sky-500 dark:text-zinc-950 dark:hover:bg-sky-400 dark:disabled:hover:bg-sky-500',
  secondary:
    'bg-white text-zinc-800 shadow-xs ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 disabled:hover:bg-white ' +
    'dark:bg-zinc-800 dark:text-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-700 dark:disabled:hover:bg-zinc-800',
  danger:
    'bg-rose-700 text-white shadow-sm hover:bg-rose-800 active:bg-rose-900 dark:bg-rose-700 dark:hover:bg-rose-800',
  ghost:
    'text-zinc-600 hover:bg-zinc-200/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 ' +
    'dark:hover:text-zinc-100',
  // A ghost button in red (Terminate): its own variant, because a second text colour on top of `ghost` loses to
  // whichever Tailwind happens to emit later.
  dangerGhost:
    'text-rose-700 hover:bg-rose-50 hover:text-rose-800 dark:text-rose-400 dark:hover:bg-rose-950/60 ' +
    'dark:hover:text-rose-300',
}

const SIZES: Record<Size, string> = {
  sm: 'h-7 px-2.5 text-xs',
  md: 'h-8 px-3 text-sm',
  lg: 'h-10 px-5 text-sm',
}

/** A button; `type="button"` unless told otherwise so it never submits a form by accident. */
export function Button({
  variant = 'secondary',
  size = 'md',
  className = '',
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size }): React.JSX.Element {
  return (
    <button type={type} className={`${BASE} ${VARIANTS[variant]} ${SIZES[size]} ${className}`} {...props} />
  )
}

/** Classes of a text-like field (input, select). */
export const FIELD =
  'h-8 w-full min-w-0 rounded-md bg-white px-2.5 text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 ' +
  'placeholder:text-zinc-400 outline-none focus:ring-2 focus:ring-sky-500 disabled:opacity-60 ' +
  'aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-rose-500 ' +
  'dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700 dark:placeholder:text-zinc-500 dark:focus:ring-sky-400'

/** Classes of a field's label. */
export const LABEL = 'block text-xs font-semibold text-zinc-700 dark:text-zinc-300'

/** Classes of a hint under a field. */
export const HINT = 'text-xs text-zinc-600 dark:text-zinc-400'

/** A raised surface. */
export function Card({ className = '', ...props }: HTMLAttributes<HTMLElement>): React.JSX.Element {
  return (
    <section
      className={`rounded-xl bg-white shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800 ${className}`}
      {...props}
    />
  )
}
