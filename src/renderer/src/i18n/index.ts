/**
 * The window's one i18next instance (react-i18next's `useTranslation` reads it through `initReactI18next`). The
 * language is the one the user picked (remembered in localStorage), else the system's (`navigator.languages`:
 * the browser's in the web shell, Chromium's — the OS locale — in Electron), else English. Resources are bundled,
 * so initialisation is synchronous and the first render is already in the right language.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import {
  CATALOGS,
  FORMAT_LOCALES,
  isLanguage,
  type Language,
  LANGUAGES,
  matchLanguage,
} from '../../../shared/i18n/languages'

/** localStorage key of the language picked in the window. */
export const LANGUAGE_STORAGE_KEY = 'ferry.language'

function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY)
    return isLanguage(value) ? value : null
  } catch {
    // Storage can be unavailable (opaque origins, disabled storage): follow the system then.
    return null
  }
}

/** The language to start in: the remembered choice, else the first supported of the system's languages. */
export function initialLanguage(): Language {
  const system = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
  return storedLanguage() ?? matchLanguage(system.filter(Boolean))
}

/** The renderer's i18next instance. */
export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGS[lng] }])),
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // React escapes what it renders; escaping here too would show `&amp;` in paths.
  interpolation: { escapeValue: false },
  initAsync: false,
  react: { useSuspense: false },
})

/** The UI's language now (one of {@link LANGUAGES}). */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language
  return isLanguage(lng) ? lng : 'en'
}

/** The locale for `Intl` formatting in the UI's language. */
export function currentLocale(): string {
  return FORMAT_LOCALES[currentLanguage()]
}

function markDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage()
}
markDocument()
i18n.on('languageChanged', markDocument)

/** Switches the window's language and remembers the choice. */
export function chooseLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // Not remembered, still switched.
  }
  void i18n.changeLanguage(language)
}
