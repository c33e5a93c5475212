import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  // Two large files (long enough to watch their bars move) and a folder of small ones.
  source = join(await harness.dir('src'), 'photos')
  await mkdir(join(source, 'notes'), { recursive: true })
  for (const [i, name] of ['harbour.raw', 'lighthouse.raw'].entries()) {
    expected.set(name, await writePatternFile(join(source, name), 384 * MiB + i * 4099, i + 1))
  }
  for (let i = 0; i < 40; i++) {
    const name = join('notes', `note-${String(i).padStart(2, '0')}.txt`)
    await writeFile(join(source, name), `note ${i}\n`.repeat(i + 1))
    expected.set(name, await hashFile(join(source, name)))
  }
  await chownToNobody(source)
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

describe('copying in the browser', () => {
  it('shows the idle window', async () => {
    const { ferry, consoleErrors, context } = await harness.open()
    await ferry.button('Start copy').waitFor()
    await saveScreenshot(ferry.page, 'idle')
    // The strict CSP and the app agree: nothing was blocked, nothing threw.
    expect(consoleErrors).toEqual([])
    await context.close()
  })

  it('copies a folder with per-file and overall progress and ends with identical files', async () => {
    const destination = await harness.dir('dst')
    const { ferry, consoleErrors, context } = await harness.open()
    await ferry.addSource(source)
    await ferry.setDestination(destination)
    await ferry.start()

    // A file in flight has its own bar, named by its relative name, part way through.
    const fileBar = ferry.jobProgress.getByRole('progressbar', { name: /(harbour|lighthouse)\.raw/ }).first()
    await until('a per-file bar part way through', async () => {
      const now = Number(await fileBar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => NaN))
      return now > 0 && now < 100
    })
    expect(await ferry.waitForOverallBetween(0, 100)).toBeGreaterThan(0)
    // For the README, a moment with some files done and the bar well along (if the copy is not faster than that).
    const along = await ferry.waitForOverallBetween(25, 90, 20_000).catch(() => undefined)
    if (along !== undefined) await saveScreenshot(ferry.page, 'copy-in-progress')

    const status = await ferry.waitForEnd()
    expect(status).toContain('Copy finished')
    expect(await ferry.overallPercent()).toBe(100)

    const copy = join(destination, 'photos')
    expect(await listFiles(copy)).toEqual([...expected.keys()].sort())
    for (const [name, hash] of expected) expect(await hashFile(join(copy, name)), name).toBe(hash)
    expect(consoleErrors).toEqual([])
    await context.close()
  })
})
