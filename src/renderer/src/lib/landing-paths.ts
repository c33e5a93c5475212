/**
 * Where each source will land. The window's destination is the folder the sources go into (`intoDestination`):
 * `destination/<basename of each source>`, whether the folder exists yet or not, so the form can say it before
 * anything starts.
 */
import { basename, trimTrailingSeparators } from './paths'

/** `/mnt/backup` + `/home/me/photos` → `/mnt/backup/photos` (Windows paths get `\`). */
export function landingPath(destination: string, source: string): string {
  const folder = trimTrailingSeparators(destination)
  const windows = /^[A-Za-z]:[\\/]|^\\\\/.test(folder)
  const separator = windows ? '\\' : '/'
  const joined = folder.endsWith(separator) || (windows && folder.endsWith('/')) ? folder : folder + separator
  return joined + basename(source)
}

/** The landing path of every source, in order. */
export function landingPaths(destination: string, sources: readonly string[]): string[] {
  return sources.map((source) => landingPath(destination, source))
}
