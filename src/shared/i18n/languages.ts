/**
 * The languages Ferry's window speaks, their catalogs, and how a system's preferred languages map onto them. Shared
 * by the renderer (which runs i18next over these catalogs) and the Electron main process (its dialogs and window
 * titles, through its own i18next instance: src/main/electron/main-i18n.ts). Pure: JSON and `Intl` only.
 */
import en from './en.json'
import zhCN from './zh-CN.json'

/** Supported UI languages (BCP 47 tags, as i18next and `Intl` take them). */
export const LANGUAGES = ['en', 'zh-CN'] as const

export type Language = (typeof LANGUAGES)[number]

/** A nested catalog: keys to strings (i18next v4 JSON, plural suffixes `_one`/`_other`). */
export interface Catalog {
  [key: string]: string | Catalog
}

/** Every catalog, by language. `en` is the fallback and the reference key set. */
export const CATALOGS: Record<Language, Catalog> = { en, 'zh-CN': zhCN }

/** Each language's name in itself (what a picker shows, so a person can find their own language in any UI). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' }

/**
 * The locale numbers, sizes and dates are formatted in. English keeps `en-US` digit grouping whatever the region,
 * so one locale is on screen: the UI's.
 */
export const FORMAT_LOCALES: Record<Language, string> = { en: 'en-US', 'zh-CN': 'zh-CN' }

/** Whether `value` names a supported language exactly (a stored choice, a picker value). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/**
 * The first supported language among `preferred` (e.g. `navigator.languages`, Electron's `app.getLocale()`),
 * else English. Simplified Chinese is `zh`, `zh-CN`, `zh-SG` or `zh-Hans-*`; Traditional Chinese tags (`zh-TW`,
 * `zh-HK`, `zh-MO`, `zh-Hant-*`) are not taken as it, since 简体中文 would be the wrong script for their readers.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const raw of preferred) {
    const tag = raw.replace(/_/g, '-').toLowerCase()
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
    if (tag === 'zh' || tag.startsWith('zh-')) {
      if (/^zh-(hant|tw|hk|mo)\b/.test(tag)) continue
      return 'zh-CN'
    }
  }
  return 'en'
}
