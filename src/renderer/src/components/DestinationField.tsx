/** The destination folder: a path box and "Choose destination…" (native picker or the folder browser). */
import { useId } from 'react'
import { useFormat } from '../i18n/use-format'
import { FolderIcon } from './icons'
import { Button, FIELD, LABEL } from './ui'

export interface DestinationFieldProps {
  value: string
  disabled: boolean
  error?: string | undefined
  onChange: (value: string) => void
  onChoose: () => void
}

export function DestinationField({ value, disabled, error, onChange, onChoose }: DestinationFieldProps) {
  const { t } = useFormat()
  const id = useId()
  const errorId = useId()
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className={LABEL}>
          {t('destination.label')}
        </label>
        <Button size="sm" onClick={onChoose} disabled={disabled}>
          <FolderIcon />
          {t('destination.choose')}
        </Button>
      </div>
      <input
        id={id}
        type="text"
        className={`${FIELD} font-mono text-xs`}
        placeholder={t('destination.placeholder')}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={errorId} className="text-xs text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  )
}
