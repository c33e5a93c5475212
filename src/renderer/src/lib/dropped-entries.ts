/** What a drop brought: paths of dropped files and folders, as far as the shell can tell. */
import type { FerryApi } from '../../../shared/ipc'
import { cleanTypedPath } from './paths'
import type { SourceEntry } from './sources'

/**
 * Paths of dropped items: the shell's path for each File, else `file://` URIs a file manager put in the drag.
 * `hidden` counts items whose path the browser keeps secret.
 */
export function droppedEntries(
  ferry: Pick<FerryApi, 'pathForFile'>,
  data: DataTransfer,
): { entries: SourceEntry[]; hidden: number } {
  const entries: SourceEntry[] = []
  let hidden = 0
  const items = Array.from(data.items ?? [])
  Array.from(data.files ?? []).forEach((file, i) => {
    const path = ferry.pathForFile(file)
    if (!path) {
      hidden++
      return
    }
    const entry = items[i]?.webkitGetAsEntry?.()
    entries.push({ path, kind: entry ? (entry.isDirectory ? 'directory' : 'file') : 'unknown' })
  })
  if (entries.length === 0) {
    const uris = data.getData?.('text/uri-list') ?? ''
    for (const line of uris.split(/\r?\n/)) {
      if (!/^file:\/\//i.test(line.trim())) continue
      entries.push({ path: cleanTypedPath(line), kind: 'unknown' })
    }
    if (entries.length > 0) hidden = 0
  }
  return { entries, hidden }
}
