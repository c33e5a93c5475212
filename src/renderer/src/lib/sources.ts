/**
 * The source list of the start form: paths with what Ferry knows about them. Typed and pasted paths are checked
 * through `ferry.list` (the shells' path check), so a typo shows before Start rather than as a refused job.
 */
import type { FerryApi } from '../../../shared/ipc'
import { i18n } from '../i18n'
import { errorText } from '../i18n/error-text'
import { isAbsolutePath } from './paths'

/** `unknown` until checked; `missing` when the shell says nothing is there. */
export type SourceKind = 'directory' | 'file' | 'unknown' | 'missing'

export interface SourceEntry {
  path: string
  kind: SourceKind
  /** Why a check failed in another way (no permission, …). */
  note?: string
}

/** Adds entries not already listed (same path), keeping the list's order; returns how many were new. */
export function mergeSources(list: readonly SourceEntry[], added: readonly SourceEntry[]): SourceEntry[] {
  const seen = new Set(list.map((s) => s.path))
  const next = [...list]
  for (const entry of added) {
    if (seen.has(entry.path)) continue
    seen.add(entry.path)
    next.push(entry)
  }
  return next
}

/**
 * What is at `path`: listing succeeds for a folder, fails with `NOT_A_DIRECTORY` for a file and `NOT_FOUND` for
 * nothing. Other failures keep the kind unknown with the message (the engine will decide at Start).
 */
export async function probeSource(ferry: Pick<FerryApi, 'list'>, path: string): Promise<SourceEntry> {
  // The shells accept only full paths; asking would only bring back their internal "Invalid request" message.
  if (!isAbsolutePath(path)) return { path, kind: 'unknown', note: i18n.t('sources.notFullPath') }
  try {
    const result = await ferry.list(path)
    if (result.ok) return { path, kind: 'directory' }
    switch (result.error.code) {
      case 'NOT_A_DIRECTORY':
        return { path, kind: 'file' }
      case 'NOT_FOUND':
      case 'SOURCE_MISSING':
        return { path, kind: 'missing', note: i18n.t('sources.nothingThere') }
      default:
        return { path, kind: 'unknown', note: errorText(i18n, result.error).text }
    }
  } catch {
    return { path, kind: 'unknown' }
  }
}
