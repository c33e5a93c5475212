/**
 * Under "Start copy": where the copy will be, before it starts. The destination is the folder the sources go into,
 * so each source lands at `destination/<its name>` (the first few are listed).
 */
import { useId } from 'react'
import { useFormat } from '../i18n/use-format'
import { landingPaths } from '../lib/landing-paths'

const SHOWN = 3

export function LandingPreview({
  sources,
  destination,
}: {
  sources: readonly string[]
  destination: string
}) {
  const { t } = useFormat()
  const headingId = useId()
  const paths = landingPaths(destination, sources)
  const more = paths.length - SHOWN
  return (
    <div className="flex min-w-0 flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      <p id={headingId}>{t('start.willBeCopiedTo')}</p>
      <ul aria-labelledby={headingId} className="flex min-w-0 flex-col">
        {paths.slice(0, SHOWN).map((path, i) => (
          <li
            key={`${i}:${path}`}
            className="truncate font-mono text-zinc-800 dark:text-zinc-200"
            title={path}
          >
            {path}
          </li>
        ))}
      </ul>
      {more > 0 && <p>{t('start.more', { count: more })}</p>}
    </div>
  )
}
