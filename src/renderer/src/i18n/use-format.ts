/** The window's formatters in the UI's language: `Intl` in its locale, duration words from its catalog. */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { FORMAT_LOCALES, isLanguage } from '../../../shared/i18n/languages'
import { createFormatter, type Formatter } from '../lib/format'

/** A {@link Formatter} for the language `t` is bound to. */
export function formatterFor(t: TFunction, language: string): Formatter {
  const locale = isLanguage(language) ? FORMAT_LOCALES[language] : FORMAT_LOCALES.en
  return createFormatter(locale, (pattern, parts) => t(`duration.${pattern}`, parts))
}

/** `t` and a {@link Formatter}, both in the UI's language; re-rendered when the language changes. */
export function useFormat(): { t: TFunction; f: Formatter; language: string } {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? i18n.language
  const f = useMemo(() => formatterFor(t, language), [t, language])
  return { t, f, language }
}
