/**
 * The window's language: a small select in the header, showing each language in itself (so anyone can find their
 * own). The choice is remembered (see i18n/index.ts); until one is made the window follows the system.
 */
import { useId } from 'react'
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../../../shared/i18n/languages'
import { chooseLanguage, currentLanguage } from '../i18n'
import { useFormat } from '../i18n/use-format'

export function LanguagePicker() {
  const { t } = useFormat()
  const id = useId()
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-xs text-zinc-600 dark:text-zinc-400">
        {t('app.language')}
      </label>
      <select
        id={id}
        className="h-7 rounded-md bg-white px-1.5 text-xs text-zinc-800 ring-1 ring-zinc-300 ring-inset focus-visible:outline-2 focus-visible:outline-sky-500 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
        value={currentLanguage()}
        onChange={(e) => {
          if (isLanguage(e.target.value)) chooseLanguage(e.target.value)
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  )
}
