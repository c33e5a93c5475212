/**
 * Checks the start form before anything is sent: what a person can fix in the window is said in the window.
 * The engine's pre-flight still checks everything again (missing sources, folder into itself, …).
 */
import type { StartRequest } from '../../../shared/ipc'
import { type ConflictPolicy, JOB_LIMITS } from '../../../shared/job'
import { patternLines } from '../../../shared/job-options'
import { i18n } from '../i18n'
import { isAbsolutePath } from './paths'

/** Upper bound of the Threads field (the engine checks the same limit). */
export const MAX_THREADS = JOB_LIMITS.maxThreads

/** What the start form holds. `threads` is the field's text: empty means the engine's measured default. */
export interface StartForm {
  sources: readonly string[]
  destination: string
  onConflict: ConflictPolicy
  verify: boolean
  /** Move instead of copy. */
  move?: boolean
  /** Write to disk before finishing (default true); false sends `sync: false`, which is not crash-safe. */
  sync?: boolean
  threads: string
  /** Speed limit, bytes per second; 0 or absent: none. */
  bandwidthLimit?: number
  /** Filter fields: patterns one per line. */
  exclude?: string
  include?: string
  excludeJunk?: boolean
}

/** Which field a validation error belongs to (focus moves there). */
export type StartField = 'sources' | 'destination' | 'threads' | 'exclude' | 'include'

export type StartValidation =
  { ok: true; request: StartRequest } | { ok: false; field: StartField; message: string }

/**
 * Validates the form and builds the start request, or says which field is wrong and what to do (in the UI's
 * language at the time of the check).
 */
export function validateStart(form: StartForm): StartValidation {
  if (form.sources.length === 0) {
    return { ok: false, field: 'sources', message: i18n.t('validate.noSources') }
  }
  const relative = form.sources.find((s) => !isAbsolutePath(s))
  if (relative !== undefined) {
    return {
      ok: false,
      field: 'sources',
      message: i18n.t('validate.sourceNotFull', { path: relative }),
    }
  }
  const destination = form.destination.trim()
  if (destination === '') {
    return { ok: false, field: 'destination', message: i18n.t('validate.noDestination') }
  }
  if (!isAbsolutePath(destination)) {
    return {
      ok: false,
      field: 'destination',
      message: i18n.t('validate.destinationNotFull', { path: destination }),
    }
  }
  let threads: number | undefined
  const threadsText = form.threads.trim()
  if (threadsText !== '') {
    threads = Number(threadsText)
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
      return {
        ok: false,
        field: 'threads',
        message: i18n.t('validate.threads', { min: 1, max: MAX_THREADS }),
      }
    }
  }
  const filters: { exclude?: string[]; include?: string[] } = {}
  for (const field of ['exclude', 'include'] as const) {
    const patterns = patternLines(form[field] ?? '')
    const long = patterns.find((p) => p.length > JOB_LIMITS.maxPatternLength)
    if (patterns.length > JOB_LIMITS.maxPatterns || long !== undefined) {
      const message = i18n.t('validate.patterns', {
        max: JOB_LIMITS.maxPatterns,
        length: JOB_LIMITS.maxPatternLength,
      })
      return { ok: false, field, message }
    }
    if (patterns.length > 0) filters[field] = patterns
  }
  // The window's destination is the folder the sources go into, as in a file manager (the CLI keeps cp -r rules).
  const request: StartRequest = {
    sources: [...form.sources],
    destination,
    intoDestination: true,
    onConflict: form.onConflict,
    verify: form.verify,
  }
  if (threads !== undefined) request.threads = threads
  if (form.move) request.move = true
  if (form.sync === false && !form.move) request.sync = false
  if (form.bandwidthLimit) request.bandwidthLimit = form.bandwidthLimit
  if (filters.exclude) request.exclude = filters.exclude
  if (filters.include) request.include = filters.include
  if (form.excludeJunk) request.excludeJunk = true
  return { ok: true, request }
}
