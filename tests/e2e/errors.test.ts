import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePatternFile } from '../helpers/pattern-file'
import { saveScreenshot } from './helpers/ferry-page'
import { chownToNobody, hashFile, listFiles } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'

const MiB = 1024 * 1024
let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

describe('errors in the browser', () => {
  it('lists an unreadable file with its reason, copies the rest, and copies it on "Retry failed"', async () => {
    // The shell runs as `nobody`, so a mode-000 file really cannot be read (root would read it anyway).
    const source = join(await harness.dir('src'), 'reports')
    await mkdir(source)
    const hashes = new Map<string, string>()
    hashes.set('annual.pdf', await writePatternFile(join(source, 'annual.pdf'), 24 * MiB, 7))
    for (const name of ['q1.csv', 'q2.csv', 'salaries.csv']) {
      await writeFile(join(source, name), `${name}\n`.repeat(1000))
      hashes.set(name, await hashFile(join(source, name)))
    }
    await chownToNobody(source)
    await chmod(join(source, 'salaries.csv'), 0o000)
    const destination = await harness.dir('dst')

    const { ferry, consoleErrors, context } = await harness.open()
    await ferry.addSource(source)
    await ferry.setDestination(destination)
    await ferry.start()
    const status = await ferry.waitForEnd()
    expect(status).toContain('Copy finished')

    await ferry.errors.getByText('reports/salaries.csv', { exact: true }).waitFor()
    const errorText = await ferry.errors.innerText()
    expect(errorText).toMatch(/permission denied/i)
    expect(errorText).not.toContain('q1.csv')
    await saveScreenshot(ferry.page, 'finished-with-error')

    const copy = join(destination, 'reports')
    expect(await listFiles(destination)).toEqual(['reports/annual.pdf', 'reports/q1.csv', 'reports/q2.csv'])
    for (const name of ['annual.pdf', 'q1.csv', 'q2.csv'])
      expect(await hashFile(join(copy, name))).toBe(hashes.get(name))

    await chmod(join(source, 'salaries.csv'), 0o644)
    await ferry.button('Retry failed').click()
    await ferry.page
      .getByRole('status')
      .filter({ hasText: 'Copy finished' })
      .filter({ hasNotText: /fail/i })
      .waitFor({ timeout: 60_000 })
    expect(await hashFile(join(copy, 'salaries.csv'))).toBe(hashes.get('salaries.csv'))
    expect((await listFiles(destination)).filter((file) => file.includes('.ferry-partial-'))).toEqual([])
    expect(consoleErrors).toEqual([])
    await context.close()
  })

  it('shows a refused start (missing source) in an alert and writes nothing', async () => {
    const destination = await harness.dir('dst')
    const missing = join(harness.home, 'no-such-folder')
    const { ferry, context } = await harness.open()
    await ferry.addSource(missing)
    await ferry.setDestination(destination)
    await ferry.button('Start copy').click()
    const alert = ferry.page.getByRole('alert').filter({ hasText: missing })
    await alert.waitFor()
    expect(await alert.innerText()).toMatch(/not exist|missing|no such/i)
    expect(await listFiles(destination)).toEqual([])
    await context.close()
  })
})
