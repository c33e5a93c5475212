/**
 * Filters (the job options `exclude`, `include`, `excludeJunk`, as the CLI's `--exclude`, `--include`,
 * `--exclude-junk`): patterns one per line, globs on the path under each source (see the README's table). What they
 * left out is counted in the summary.
 */
import { useId } from 'react'
import { JUNK_PATTERNS } from '../../../shared/job-options'
import { useFormat } from '../i18n/use-format'
import { Button, FIELD, HINT, LABEL } from './ui'

export interface FiltersFieldsProps {
  exclude: string
  include: string
  excludeJunk: boolean
  /** Which of the two pattern fields a validation message is about, and the message. */
  error?: { field: 'exclude' | 'include'; message: string } | undefined
  onChange: (patch: { exclude?: string; include?: string; excludeJunk?: boolean }) => void
  /** "Preview": what the filters would leave out (a read-only survey); absent: not offered. */
  onPreview?: (() => void) | undefined
  /** The preview's answer: what is left out (first names), or the text of why it could not be made. */
  preview?: { count: number; first: string[]; complete: boolean } | string | null | undefined
}

export function FiltersFields({
  exclude,
  include,
  excludeJunk,
  error,
  onChange,
  onPreview,
  preview,
}: FiltersFieldsProps) {
  const { t } = useFormat()
  const id = useId()
  const area = `${FIELD} !h-16 py-1.5 font-mono text-xs`
  const hint = (field: 'exclude' | 'include', text: string) =>
    error?.field === field ? (
      <p id={`${id}-${field}-hint`} className="text-xs text-rose-600 dark:text-rose-400">
        {error.message}
      </p>
    ) : (
      <p id={`${id}-${field}-hint`} className={HINT}>
        {text}
      </p>
    )
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-start gap-2.5">
        <input
          id={`${id}-junk`}
          type="checkbox"
          className="mt-0.5 size-4 accent-sky-600 dark:accent-sky-400"
          checked={excludeJunk}
          aria-describedby={`${id}-junk-hint`}
          onChange={(e) => onChange({ excludeJunk: e.target.checked })}
        />
        <div>
          <label htmlFor={`${id}-junk`} className="text-sm font-medium">
            {t('filters.junk')}
          </label>
          <p id={`${id}-junk-hint`} className={HINT}>
            {t('filters.junkHint', { names: JUNK_PATTERNS.join(', ') })}
          </p>
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-exclude`} className={LABEL}>
          {t('filters.exclude')}
        </label>
        <textarea
          id={`${id}-exclude`}
          className={area}
          value={exclude}
          spellCheck={false}
          placeholder={t('filters.excludePlaceholder')}
          aria-invalid={error?.field === 'exclude' ? true : undefined}
          aria-describedby={`${id}-exclude-hint`}
          onChange={(e) => onChange({ exclude: e.target.value })}
        />
        {hint('exclude', t('filters.excludeHint'))}
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-include`} className={LABEL}>
          {t('filters.include')}
        </label>
        <textarea
          id={`${id}-include`}
          className={area}
          value={include}
          spellCheck={false}
          placeholder={t('filters.includePlaceholder')}
          aria-invalid={error?.field === 'include' ? true : undefined}
          aria-describedby={`${id}-include-hint`}
          onChange={(e) => onChange({ include: e.target.value })}
        />
        {hint('include', t('filters.includeHint'))}
      </div>
      {onPreview && (
        <div className="flex flex-col gap-1.5">
          <div>
            <Button size="sm" onClick={onPreview}>
              {t('filters.preview')}
            </Button>
          </div>
          {preview !== undefined && preview !== null && (
            <p aria-live="polite" className={`${HINT} break-all`}>
              {typeof preview === 'string'
                ? preview
                : preview.count === 0
                  ? t('filters.previewNone')
                  : t(preview.complete ? 'filters.previewSome' : 'filters.previewAtLeast', {
                      count: preview.count,
                      names: preview.first.join(', ') + (preview.count > preview.first.length ? ', …' : ''),
                    })}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
