/**
 * The window as a person meets it, in real Chromium against the real engine: where the job shows up and where the
 * focus goes after Start in a small (800×600) window, real keyboard behaviour of the dialogs, and axe-core with
 * zero violations on the idle window, a running copy and a finished job, light and dark.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePatternFile } from '../helpers/pattern-file'
import { axeViolations } from './helpers/axe'
import { until } from './helpers/browser'
import { saveScreenshot } from './helpers/ferry-page'
import { chownToNobody } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'

const MiB = 1024 * 1024
let harness: Harness
let source: string

beforeAll(async () => {
  harness = await startHarness()
  // Two large files (so the copy runs long enough to be paused and looked at) and a folder of small ones.
  source = join(await harness.dir('src'), 'archive')
  await mkdir(join(source, 'letters'), { recursive: true })
  for (const [i, name] of ['winter.tar', 'summer.tar'].entries()) {
    await writePatternFile(join(source, name), 320 * MiB + i, 40 + i)
  }
  for (let i = 0; i < 30; i++) await writeFile(join(source, 'letters', `letter-${i}.txt`), `dear ${i}\n`)
  await chownToNobody(source)
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

/** Where the focus is, in words a failing assertion can show ('body' when nothing has it). */
async function focused(page: Page): Promise<string> {
  const element = page.locator('*:focus')
  if ((await element.count()) === 0) return 'body'
  return element.first().evaluate((node) => {
    const region = node.closest('[aria-label]')?.getAttribute('aria-label') ?? ''
    return `${node.tagName.toLowerCase()}:${(node.textContent ?? '').trim().slice(0, 40)}@${region}`
  })
}

describe.each(['light', 'dark'] as const)('the window in %s mode', (colorScheme) => {
  it('has no axe-core violations when idle', async () => {
    const { ferry, consoleErrors, context } = await harness.open({ colorScheme })
    await ferry.button('Start copy').waitFor()
    expect(await axeViolations(ferry.page)).toEqual([])
    if (colorScheme === 'dark') await saveScreenshot(ferry.page, 'idle-dark')
    expect(consoleErrors).toEqual([])
    await context.close()
  })

  it('at 800×600, Start shows the job in view with the focus on it; running and finished have no axe violations', async () => {
    const destination = join(await harness.dir('dst'), 'not yet there')
    const { ferry, consoleErrors, context } = await harness.open({ width: 800, height: 600, colorScheme })
    const page = ferry.page
    await ferry.addSource(source)
    await ferry.setDestination(destination)
    await ferry.setThreads(1)
    // Where the copy will be, before it starts: inside the destination folder.
    await page
      .getByRole('list', { name: 'Will be copied to:' })
      .getByText(join(destination, 'archive'), { exact: true })
      .waitFor()
    await ferry.button('Start copy').click()
    await ferry.jobProgress.waitFor()

    // The job card is on screen (not below the form) and has the focus (not the page body).
    await until('the job card in view', async () => {
      const box = await ferry.jobProgress.boundingBox()
      return box !== null && box.y >= 0 && box.y < 600 - 120
    })
    expect(await focused(page)).toMatch(/^h2:.*@Job progress$/)

    // A running copy, held still by Pause so axe sees one state (once some bytes moved, for the screenshot).
    await ferry.waitForOverallBetween(5, 75, 20_000).catch(() => undefined)
    await ferry.button('Pause').click()
    await ferry.jobProgress.getByRole('heading', { name: 'Paused' }).waitFor({ timeout: 30_000 })
    if (colorScheme === 'light') await saveScreenshot(page, 'small-window-running')
    expect(await axeViolations(page)).toEqual([])

    // Escape in the Terminate confirmation gives the focus back to Terminate; while paused it says "Stay paused".
    await ferry.button('Terminate').click()
    const dialog = page.getByRole('alertdialog', { name: 'Terminate copy?' })
    await dialog.getByRole('button', { name: 'Stay paused' }).waitFor()
    expect(await focused(page)).toMatch(/^button:Stay paused/)
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await focused(page)).toMatch(/^button:Terminate@Job progress$/)

    await ferry.button('Resume').click()
    expect(await ferry.waitForEnd()).toContain('Copy finished')
    // The controls went away with the end of the job; the focus did not fall to the page.
    expect(await focused(page)).not.toBe('body')
    if (colorScheme === 'dark') await saveScreenshot(page, 'finished-dark')
    expect(await axeViolations(page)).toEqual([])
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})
