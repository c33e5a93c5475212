import type { Result } from '../../shared/ipc'
import type { FerryErrorData } from '../../shared/job'
import { FerryError } from '../../engine'

/** A successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A failed {@link Result}. */
export function fail(error: FerryErrorData): { ok: false; error: FerryErrorData } {
  return { ok: false, error }
}

/**
 * Turns anything a handler threw into an error result. `FerryError`s keep their code and path; anything else is a
 * bug on our side and becomes `INTERNAL` with its message (no stack: it would only leak file layout to a page).
 */
export function errorResult(error: unknown): { ok: false; error: FerryErrorData } {
  if (error instanceof FerryError) return fail(error.toData())
  const message = error instanceof Error ? error.message : String(error)
  return fail({ code: 'INTERNAL', message: `Ferry hit an unexpected error: ${message}` })
}
