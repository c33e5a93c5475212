/**
 * The main flow in 简体中文 (issue 14): a browser whose language is zh-CN gets the window in Chinese from the first
 * frame, copies a folder with Chinese progress and summary, and the copies are byte-identical. Saves the README's
 * 简体中文 screenshot.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import zh from '../../src/shared/i18n/zh-CN.json'
import { writePatternFile } from '../helpers/pattern-file'
import { until } from './helpers/browser'
import { saveScreenshot } from './helpers/ferry-page'
import { chownToNobody, hashFile, listFiles } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'

const MiB = 1024 * 1024
let harness: Harness
let source: string
const expected = new Map<string, string>()

beforeAll(async () => {
  harness = await startHarness()
  // Chinese names too: names are bytes end to end, and the list shows them as they are.
  source = join(await harness.dir('src'), '照片')
  await mkdir(join(source, '笔记'), { recursive: true })
  expected.set('港口.raw', await writePatternFile(join(source, '港口.raw'), 320 * MiB, 7))
  for (let i = 0; i < 30; i++) {
    const name = join('笔记', `笔记-${String(i).padStart(2, '0')}.txt`)
    await writeFile(join(source, name), `第 ${i} 条\n`.repeat(i + 1))
    expected.set(name, await hashFile(join(source, name)))
  }
  await chownToNobody(source)
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

describe('Ferry in 简体中文', () => {
  it('copies a folder with progress and summary in Chinese, and the files are identical', async () => {
    const destination = await harness.dir('dst')
    const { ferry, consoleErrors, context } = await harness.open({ locale: 'zh-CN' })
    const page = ferry.page
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.getByRole('textbox', { name: zh.sources.pathLabel }).fill(source)
    await page.getByRole('button', { name: zh.sources.addLabel, exact: true }).click()
    await page.getByRole('textbox', { name: zh.destination.label }).fill(destination)
    await page.getByRole('button', { name: '开始复制', exact: true }).click()

    const job = page.getByRole('region', { name: '任务进度' })
    await job.waitFor()
    const overall = job.getByRole('progressbar', { name: '总进度' })
    // While it runs the bar speaks Chinese ("…个文件中已处理…"), and the numbers are formatted for zh-CN.
    const running = await until('a Chinese progress value while copying', async () => {
      const text = await overall.getAttribute('aria-valuetext', { timeout: 500 }).catch(() => null)
      return text && /已处理/.test(text) && text
    })
    expect(running).toMatch(/个文件/)

    const status = page.getByRole('status').filter({ hasText: /复制完成|没有复制任何文件|复制已取消/ })
    await status.waitFor({ timeout: 120_000 })
    const summary = (await status.innerText()).replace(/\s+/g, ' ')
    expect(summary).toContain('复制完成')
    expect(summary).toMatch(/已复制 31 个文件/)
    expect(summary).not.toMatch(/Copy finished|files copied/)
    expect(await page.title()).toBe('已完成 · Ferry')
    await saveScreenshot(page, 'finished-zh-CN')

    const copy = join(destination, '照片')
    expect(await listFiles(copy)).toEqual([...expected.keys()].sort())
    for (const [name, hash] of expected) expect(await hashFile(join(copy, name)), name).toBe(hash)
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})
