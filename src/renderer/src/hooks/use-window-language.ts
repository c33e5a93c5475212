/**
 * Tells the main process the window's language (`app:set-language`) when the window opens and whenever the
 * picker changes it, so its dialogs, window title and notifications speak the same language as the page.
 */
import { useEffect } from 'react'
import type { FerryApi } from '../../../shared/ipc'
import { isLanguage } from '../../../shared/i18n/languages'
import { currentLanguage, i18n } from '../i18n'

export function useWindowLanguage(ferry: Pick<FerryApi, 'setLanguage'>): void {
  useEffect(() => {
    void ferry.setLanguage(currentLanguage())
    const onChange = (language: string): void => {
      if (isLanguage(language)) void ferry.setLanguage(language)
    }
    i18n.on('languageChanged', onChange)
    return () => i18n.off('languageChanged', onChange)
  }, [ferry])
}
