/**
 * The catalogs stay complete: en and zh-CN have the same keys, plurals have the forms their language needs
 * (i18next v4 JSON: English `_one` and `_other`, Chinese `_other` only), a translation keeps its source's
 * parameters and tags, and every engine error code has its sentences.
 */
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import en from '../../../src/shared/i18n/en.json'
import zhCN from '../../../src/shared/i18n/zh-CN.json'
import { type Catalog, LANGUAGES, matchLanguage } from '../../../src/shared/i18n/languages'
import jobSource from '../../../src/shared/job.ts?raw'

const PLURAL = /_(zero|one|two|few|many|other)$/

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const base = (key: string) => key.replace(PLURAL, '')
const enKeys = flatten(en)
const zhKeys = flatten(zhCN)

/** Interpolated names (`{{count, number}}` → `count`) and tags (`<name>`) of a string. */
function placeholders(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]!)
  const tags = [...text.matchAll(/<(\/?\w+)>/g)].map((m) => `<${m[1]}>`)
  return [...new Set([...names, ...tags])].sort()
}

/** The members of the `ErrorCode` union in src/shared/job.ts, read with the TypeScript compiler. */
function errorCodes(): string[] {
  const file = ts.createSourceFile('job.ts', jobSource, ts.ScriptTarget.Latest, true)
  const alias = file.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'ErrorCode',
  )
  if (!alias || !ts.isUnionTypeNode(alias.type)) throw new Error('ErrorCode union not found in job.ts')
  return alias.type.types.map((t) => {
    if (!ts.isLiteralTypeNode(t) || !ts.isStringLiteral(t.literal))
      throw new Error('ErrorCode member not a string')
    return t.literal.text
  })
}

describe('the catalogs', () => {
  it('have the same keys in en and zh-CN (plural forms aside)', () => {
    const enBase = new Set([...enKeys.keys()].map(base))
    const zhBase = new Set([...zhKeys.keys()].map(base))
    expect([...zhBase].filter((k) => !enBase.has(k))).toEqual([])
    expect([...enBase].filter((k) => !zhBase.has(k))).toEqual([])
  })

  it('have every plural form each language needs, and no others', () => {
    const plurals = new Set([...enKeys.keys(), ...zhKeys.keys()].filter((k) => PLURAL.test(k)).map(base))
    const need = { en: ['one', 'other'], 'zh-CN': ['other'] } as const
    for (const lng of LANGUAGES) {
      const keys = lng === 'en' ? enKeys : zhKeys
      const rules = new Intl.PluralRules(lng).resolvedOptions().pluralCategories
      expect([...rules].sort()).toEqual([...need[lng]].sort())
      for (const key of plurals) {
        expect(keys.has(key), `${lng}: ${key} must be a plural, not a plain string`).toBe(false)
        for (const form of need[lng]) expect(keys.has(`${key}_${form}`), `${lng}: ${key}_${form}`).toBe(true)
        const extra = [...keys.keys()].filter(
          (k) => base(k) === key && !need[lng].some((f) => k === `${key}_${f}`),
        )
        expect(extra, `${lng}: forms ${lng} has no use for`).toEqual([])
      }
    }
  })

  it('keep the parameters and tags of the English text in each translation', () => {
    for (const [key, text] of zhKeys) {
      const source = enKeys.get(key) ?? enKeys.get(`${base(key)}_other`)
      expect(source, key).toBeDefined()
      const zh = placeholders(text).filter((p) => p !== 'count')
      const english = placeholders(source!).filter((p) => p !== 'count')
      expect(zh, key).toEqual(english)
    }
  })

  it('have no empty strings', () => {
    for (const [key, text] of [...enKeys, ...zhKeys]) expect(text.trim(), key).not.toBe('')
  })

  it('have a sentence for every engine error code, and use the path in the `_path` context', () => {
    const codes = errorCodes()
    expect(codes).toContain('DISK_FULL')
    for (const code of codes) {
      for (const [lng, keys] of [
        ['en', enKeys],
        ['zh-CN', zhKeys],
      ] as const) {
        expect(keys.has(`errors.${code}`), `${lng}: errors.${code}`).toBe(true)
        const withPath = keys.get(`errors.${code}_path`)
        if (withPath !== undefined) expect(withPath, `${lng}: errors.${code}_path`).toContain('{{path}}')
      }
    }
  })
})

describe('matchLanguage', () => {
  it('takes the first supported language of the system list', () => {
    expect(matchLanguage(['zh-CN', 'en-US'])).toBe('zh-CN')
    expect(matchLanguage(['fr-FR', 'zh', 'en'])).toBe('zh-CN')
    expect(matchLanguage(['zh-Hans-SG'])).toBe('zh-CN')
    expect(matchLanguage(['en-GB', 'zh-CN'])).toBe('en')
    expect(matchLanguage(['zh_CN'])).toBe('zh-CN')
  })

  it('does not take Traditional Chinese for 简体中文, and falls back to English', () => {
    expect(matchLanguage(['zh-TW', 'ja'])).toBe('en')
    expect(matchLanguage(['zh-Hant-HK', 'zh-CN'])).toBe('zh-CN')
    expect(matchLanguage([])).toBe('en')
  })
})
