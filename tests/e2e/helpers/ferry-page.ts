import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { ROOT } from '../../../scripts/ensure-built.mjs'
import { until } from './browser'

/**
 * Ferry's window as the e2e tests drive it, by the accessible names of the UI contract (/tmp/ui-contract.md):
 * what a keyboard or screen-reader user reaches, not CSS classes.
 */
export class FerryPage {
  constructor(readonly page: Page) {}

  button(name: string | RegExp, exact = true): Locator {
    return this.page.getByRole('button', { name, exact })
  }

  get jobProgress(): Locator {
    return this.page.getByRole('region', { name: 'Job progress' })
  }

  get overall(): Locator {
    return this.page.getByRole('progressbar', { name: 'Overall progress' })
  }

  get errors(): Locator {
    return this.page.getByRole('region', { name: 'Errors' })
  }

  get finishedStatus(): Locator {
    return this.page
      .getByRole('status')
      .filter({ hasText: /Copy (finished|cancelled|terminated)|Nothing was copied/ })
  }

  async addSource(path: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Source path' }).fill(path)
    await this.button('Add source').click()
    await this.page
      .getByRole('listitem')
      .filter({ has: this.button(`Remove ${path}`) })
      .waitFor()
  }

  async setDestination(path: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Destination folder' }).fill(path)
  }

  async setPolicy(label: 'Skip' | 'Replace' | 'Keep both' | 'Replace if newer' | 'Ask me'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'If a file exists' }).selectOption({ label })
  }

  async setThreads(threads: number): Promise<void> {
    await this.page.getByRole('spinbutton', { name: 'Threads' }).fill(String(threads))
  }

  async start(): Promise<void> {
    await this.button('Start copy').click()
    await this.jobProgress.waitFor()
  }

  /** The overall bar's aria-valuenow (percent of bytes), or undefined before the job shows it. */
  async overallPercent(): Promise<number | undefined> {
    const value = await this.overall.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null)
    return value === null ? undefined : Number(value)
  }

  /** Waits until the overall bar is strictly between `above` and `below` percent; resolves with its value. */
  async waitForOverallBetween(above: number, below: number, timeoutMs = 60_000): Promise<number> {
    return until(
      `overall progress between ${above}% and ${below}%`,
      async () => {
        const percent = await this.overallPercent()
        return percent !== undefined && percent > above && percent < below && percent
      },
      timeoutMs,
    )
  }

  /** Waits for the job's end and returns the status text ("Copy finished …"). */
  async waitForEnd(timeoutMs = 120_000): Promise<string> {
    await this.finishedStatus.waitFor({ timeout: timeoutMs })
    return (await this.finishedStatus.innerText()).replace(/\s+/g, ' ')
  }
}

/**
 * Saves a screenshot for the README. `UPDATE_SCREENSHOTS=1` writes docs/screenshots/<name>.png (commit those);
 * otherwise test-results/screenshots/, so an ordinary test run leaves the repository unchanged.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const folder = process.env.UPDATE_SCREENSHOTS
    ? join(ROOT, 'docs', 'screenshots')
    : join(ROOT, 'test-results', 'screenshots')
  const path = join(folder, `${name}.png`)
  await page.screenshot({ path, type: 'png', animations: 'disabled', caret: 'hide' })
  const { size } = await stat(path)
  if (size > 300 * 1024)
    throw new Error(`${path} is ${size} bytes; README screenshots must stay under 300 KB`)
  return path
}
