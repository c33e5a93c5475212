import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, openApp, type WindowOptions } from './browser'
import { FerryPage } from './ferry-page'
import { chownToNobody } from './files'
import { privateBuild, type ShellProcess, startShell } from './web-shell'

/** One e2e test file's world: a private build, a web shell running as `nobody`, Chromium, and a work folder. */
export interface Harness {
  readonly shell: ShellProcess
  readonly browser: Browser
  /** The private build the shell runs from (to start another shell). */
  readonly buildDir: string
  /** Home folder of the shell's user (where the folder browser starts). */
  readonly home: string
  /** A fresh folder under the work folder, owned by `nobody` so the shell can write it. */
  dir(label: string): Promise<string>
  /** Opens Ferry in a new browser context (1100×760, light, unless told). */
  open(
    window?: WindowOptions,
  ): Promise<{ ferry: FerryPage; consoleErrors: string[]; context: BrowserContext }>
  /** Stops everything; resolves with the shell's exit code (0 when it shut down cleanly). */
  close(): Promise<number | null>
}

/** Starts a {@link Harness}. */
export async function startHarness(): Promise<Harness> {
  const build = await privateBuild()
  const work = await mkdtemp(join(tmpdir(), 'ferry-e2e-'))
  await chmod(work, 0o755)
  const home = join(work, 'home')
  await mkdir(home)
  await chownToNobody(home)
  const shell = await startShell(build.dir, home)
  const browser = await launchBrowser()
  let count = 0
  return {
    shell,
    browser,
    buildDir: build.dir,
    home,
    async dir(label) {
      const path = join(work, `${++count}-${label}`)
      await mkdir(path)
      await chownToNobody(path)
      return path
    },
    async open(window) {
      const { page, consoleErrors } = await openApp(browser, shell.url, window)
      return { ferry: new FerryPage(page), consoleErrors, context: page.context() }
    },
    async close() {
      await browser.close().catch(() => {})
      const code = await shell.stop()
      await rm(work, { recursive: true, force: true })
      await build.remove()
      return code
    },
  }
}
