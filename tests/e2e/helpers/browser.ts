import { type Browser, type ConsoleMessage, type Page, chromium } from 'playwright-core'

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium'

/** Headless Chromium as the machine allows it (root: no sandbox). Playwright gives it a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  })
}

/** How a test wants the window: its size and the system theme it follows. */
export interface WindowOptions {
  width?: number
  height?: number
  colorScheme?: 'light' | 'dark'
  /** The browser's language (`navigator.languages`), e.g. `zh-CN`; Chromium's default otherwise. */
  locale?: string
}

/** A page on `url` at a fixed size (1100×760 unless told), collecting console errors (a CSP violation shows up there). */
export async function openApp(
  browser: Browser,
  url: string,
  { width = 1100, height = 760, colorScheme = 'light', locale }: WindowOptions = {},
): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme,
    reducedMotion: 'reduce',
    ...(locale ? { locale } : {}),
  })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`))
  await page.goto(url)
  return { page, consoleErrors }
}

/** Polls `probe` until it returns a value that is not undefined/false, or fails with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
