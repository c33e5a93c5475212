/**
 * The main process's words: its one i18next instance over the window's catalogs (src/shared/i18n), for the quit
 * dialog, window titles, picker titles, the menu and notifications. The language is the window's: the renderer
 * says which (`app:set-language`), and until it does the system's (Electron `app.getLocale()`) is used.
 * Imports no Electron, so it runs in tests as it does in the app.
 */
import i18next from 'i18next'
import { CATALOGS, type Language, LANGUAGES, matchLanguage } from '../../shared/i18n/languages'

/** Looks a key up in the current language, with i18next's interpolation and plurals (`count`). */
export type Translate = (key: string, params?: Record<string, string | number>) => string

/** The main process's i18n. */
export interface MainI18n {
  /** The language in use now. */
  readonly language: Language
  readonly t: Translate
  /** Switches language (synchronously: resources are bundled) and tells the listeners if it changed. */
  setLanguage(language: Language): void
  /** Calls `listener` after each change of language; returns the unsubscribe function. */
  onChange(listener: (language: Language) => void): () => void
}

/** Creates the instance, starting in the first supported of `systemLocales` (else English). */
export function createMainI18n(systemLocales: readonly string[]): MainI18n {
  const instance = i18next.createInstance()
  let language = matchLanguage(systemLocales)
  void instance.init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGS[lng] }])),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // Dialogs and titles are plain text, not HTML: nothing to escape.
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  const listeners = new Set<(language: Language) => void>()
  return {
    get language() {
      return language
    },
    t: (key, params) => instance.t(key, params ?? {}),
    setLanguage(next) {
      if (next === language) return
      language = next
      void instance.changeLanguage(next)
      for (const listener of listeners) listener(next)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
