/**
 * An engine error (or warning) in the UI's language. The engine speaks English: its `message` names the path, the
 * figures (sizes, the filesystem) and a remedy, so an English window shows it as it is. Other languages render
 * the catalog's sentence for the error's `code`, with its `path` as a parameter (`errors.CODE_path`, an i18next
 * context, or `errors.CODE` without a path); the English message stays available as the detail (a tooltip). A code
 * the catalog does not know falls back to the message.
 */
import type { i18n as I18n } from 'i18next'
import type { FerryErrorData } from '../../../shared/job'

/** The language the engine writes its messages in. */
export const ENGINE_LANGUAGE = 'en'

/** What to say for `error`: `text` to show, and `detail` (the engine's own words) when they differ. */
export function errorText(
  i18n: I18n,
  error: FerryErrorData,
  kind: 'errors' | 'warnings' = 'errors',
): { text: string; detail?: string } {
  const language = i18n.resolvedLanguage ?? i18n.language
  if (language === ENGINE_LANGUAGE && error.message) return { text: error.message }
  const options = { path: error.path, context: error.path ? 'path' : undefined }
  const keys =
    kind === 'warnings' ? [`warnings.${error.code}`, `errors.${error.code}`] : [`errors.${error.code}`]
  const key = keys.find((k) => i18n.exists(k))
  if (!key) return { text: error.message }
  return { text: i18n.t(key, options), detail: error.message || undefined }
}
