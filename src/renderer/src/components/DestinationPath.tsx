/**
 * The browser shell cannot open folders, so the end of a job shows where the files went, with a button that puts
 * the path on the clipboard (to paste in a file manager's address bar).
 */
import { useState } from 'react'
import { useFormat } from '../i18n/use-format'
import { Button } from './ui'

export function DestinationPath({ path }: { path: string }) {
  const { t } = useFormat()
  const [copied, setCopied] = useState(false)
  const copy = (): void => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (!clipboard) return
    clipboard.writeText(path).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }
  return (
    <>
      <span className="min-w-0 truncate font-mono text-xs" title={path}>
        {t('job.destinationIs', { path })}
      </span>
      <Button size="sm" onClick={copy}>
        {t('job.copyPath')}
      </Button>
      <span aria-live="polite" className="text-xs">
        {copied ? t('job.pathCopied') : ''}
      </span>
    </>
  )
}
