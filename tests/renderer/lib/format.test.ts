import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDuration,
  formatPercent,
  formatSpeed,
  createFormatter,
} from '../../../src/renderer/src/lib/format'
import { formatterFor } from '../../../src/renderer/src/i18n/use-format'
import { i18n } from '../../../src/renderer/src/i18n'

describe('formatBytes', () => {
  it('shows exact bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1)).toBe('1 B')
    expect(formatBytes(1023)).toBe('1023 B')
  })

  it('uses binary units with three significant digits', () => {
    expect(formatBytes(1024)).toBe('1.00 KiB')
    expect(formatBytes(1536)).toBe('1.50 KiB')
    expect(formatBytes(12.34 * 2 ** 20)).toBe('12.3 MiB')
    expect(formatBytes(512 * 2 ** 20)).toBe('512 MiB')
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.50 GiB')
    expect(formatBytes(3 * 2 ** 40)).toBe('3.00 TiB')
  })

  it('steps up a unit instead of printing 1024 of the smaller one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MiB')
    expect(formatBytes(1023.9 * 1024)).toBe('1.00 MiB')
  })

  it('treats negative and non-finite input as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B')
    expect(formatBytes(Number.NaN)).toBe('0 B')
  })
})

describe('formatSpeed', () => {
  it('appends /s and shows a dash when there is no speed', () => {
    expect(formatSpeed(100 * 2 ** 20)).toBe('100 MiB/s')
    expect(formatSpeed(0)).toBe('—')
    expect(formatSpeed(Number.POSITIVE_INFINITY)).toBe('—')
  })
})

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(0.4)).toBe('0 s')
    expect(formatDuration(45)).toBe('45 s')
    expect(formatDuration(60)).toBe('1 min')
    expect(formatDuration(80)).toBe('1 min 20 s')
    expect(formatDuration(599)).toBe('9 min 59 s')
  })

  it('drops seconds from ten minutes on and seconds/minutes from a day on', () => {
    expect(formatDuration(12 * 60 + 29)).toBe('12 min')
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 5 min')
    expect(formatDuration(2 * 3600)).toBe('2 h')
    expect(formatDuration(2 * 86400 + 3 * 3600)).toBe('2 d 3 h')
  })

  it('shows a dash for nonsense', () => {
    expect(formatDuration(-1)).toBe('—')
    expect(formatDuration(Number.NaN)).toBe('—')
  })
})

describe('counts and percentages', () => {
  it('groups digits', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
  })

  it('keeps a decimal only where it means something, clamped to 0–100', () => {
    expect(formatPercent(0)).toBe('0%')
    expect(formatPercent(0.025)).toBe('2.5%')
    expect(formatPercent(0.629)).toBe('62%')
    expect(formatPercent(1.2)).toBe('100%')
  })

  it('formats dates in the given locale', () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5)
    const expected = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(ms)
    expect(formatDate(ms, 'en-GB')).toBe(expected)
    expect(formatDate(ms, 'en-GB')).toMatch(/2024/)
  })
})

describe('formatting in the UI language', () => {
  it('writes sizes, percents and dates in the given locale, units as IEC symbols', () => {
    const de = createFormatter('de-DE')
    expect(de.bytes(1536)).toBe('1,50 KiB')
    expect(de.percent(0.025)).toBe('2,5\u00a0%')
    expect(de.count(1234567)).toBe('1.234.567')
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5)
    expect(createFormatter('zh-CN').date(ms)).toBe(
      new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium' }).format(ms),
    )
  })

  it('says durations with the catalog’s words', () => {
    const zh = formatterFor(i18n.getFixedT('zh-CN'), 'zh-CN')
    expect(zh.duration(80)).toBe('1 分 20 秒')
    expect(zh.duration(2 * 86400 + 3 * 3600)).toBe('2 天 3 小时')
    expect(zh.speed(100 * 2 ** 20)).toBe('100 MiB/s')
    const en = formatterFor(i18n.getFixedT('en'), 'en')
    expect(en.duration(3600 + 5 * 60)).toBe(formatDuration(3600 + 5 * 60))
  })
})
