import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writePatternFile } from '../helpers/pattern-file'
import { openApp } from './helpers/browser'
import { FerryPage } from './helpers/ferry-page'
import { chownToNobody, hashFile, listFiles } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'
import { startShell } from './helpers/web-shell'

const MiB = 1024 * 1024
const PARTIAL = '.ferry-partial-'
let harness: Harness
let source: string
const expected = new Map<string, string>()

beforeAll(async () => {
  harness = await startHarness()
  source = join(await harness.dir('src'), 'videos')
  await mkdir(source)
  for (let i = 0; i < 4; i++) {
    const name = `clip-${i}.mov`
    expected.set(name, await writePatternFile(join(source, name), 192 * MiB + i, 10 + i))
  }
  await chownToNobody(source)
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

/** Bytes under `root`, partial files included, and the partial files' names. */
async function onDisk(root: string): Promise<{ bytes: number; partials: string[] }> {
  const files = await listFiles(root).catch(() => [] as string[])
  let bytes = 0
  for (const file of files) bytes += (await stat(join(root, file)).catch(() => ({ size: 0 }))).size
  return { bytes, partials: files.filter((file) => file.includes(PARTIAL)) }
}

/** Starts copying the videos into a fresh folder (one thread, so files go one after another). */
async function startCopy(): Promise<{ ferry: FerryPage; destination: string; close: () => Promise<void> }> {
  const destination = await harness.dir('dst')
  const { ferry, context } = await harness.open()
  await ferry.addSource(source)
  await ferry.setDestination(destination)
  await ferry.setThreads(1)
  await ferry.start()
  return { ferry, destination, close: () => context.close() }
}

/**
 * Pauses as soon as bytes are moving, then checks the pause is real: a partial file sits in the destination
 * (a file is mid-copy) and nothing on disk or on screen moves for a second and a half.
 */
async function pauseMidFile(ferry: FerryPage, destination: string): Promise<void> {
  await ferry.waitForOverallBetween(0, 100)
  // Pause while a partial file exists, so the pause lands mid-file (it may still land between two files under
  // load: workers also wait before opening the next file).
  for (let i = 0; i < 200 && (await onDisk(destination)).partials.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await ferry.button('Pause').click()
  await ferry.button('Resume').waitFor()
  // Workers stop at their next chunk boundary; give them that long, then watch.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const before = await onDisk(destination)
  const percent = await ferry.overallPercent()
  await new Promise((resolve) => setTimeout(resolve, 1500))
  expect(await onDisk(destination)).toEqual(before)
  expect(await ferry.overallPercent()).toBe(percent)
  // Temporary files now: the file mid-copy, plus finished files whose commit group is held while paused.
  expect(percent).toBeLessThan(100)
}

/** After cancel/terminate: no partial file anywhere, every file present is complete, and some never came. */
async function expectCleanStop(destination: string): Promise<void> {
  const copy = join(destination, 'videos')
  const files = await listFiles(destination)
  expect(files.filter((file) => file.includes(PARTIAL))).toEqual([])
  for (const file of files) {
    const name = file.replace('videos/', '')
    expect(await hashFile(join(copy, name)), `${name} is complete`).toBe(expected.get(name))
  }
  expect(files.length).toBeLessThan(expected.size)
}

describe('pause, resume, cancel and terminate in the browser', () => {
  it('pauses mid-file (nothing moves), resumes, and finishes with identical files', async () => {
    const { ferry, destination, close } = await startCopy()
    await pauseMidFile(ferry, destination)
    await ferry.button('Resume').click()
    await ferry.button('Pause').waitFor()
    expect(await ferry.waitForEnd()).toContain('Copy finished')
    const copy = join(destination, 'videos')
    expect(await listFiles(copy)).toEqual([...expected.keys()].sort())
    for (const [name, hash] of expected) expect(await hashFile(join(copy, name)), name).toBe(hash)
    await close()
  })

  it('cancels a running copy: no partial files, finished files intact', async () => {
    const { ferry, destination, close } = await startCopy()
    await pauseMidFile(ferry, destination)
    // Resume and cancel at once, so the cancel reaches workers that are copying, not waiting.
    await ferry.button('Resume').click()
    await ferry.button('Cancel').click()
    expect(await ferry.waitForEnd()).toContain('Copy cancelled')
    await expectCleanStop(destination)
    await close()
  })

  it('asks before terminating, stays paused on "Stay paused", and terminates cleanly', async () => {
    const { ferry, destination, close } = await startCopy()
    await pauseMidFile(ferry, destination)
    const page = ferry.page
    const confirm = page.getByRole('alertdialog', { name: 'Terminate copy?' })

    await ferry.button('Terminate').click()
    await confirm.waitFor()
    expect(await confirm.innerText()).toMatch(/partial|stop/i)
    // The job is paused: the safe answer says what really goes on.
    await confirm.getByRole('button', { name: 'Stay paused' }).click()
    await confirm.waitFor({ state: 'hidden' })
    expect(await ferry.finishedStatus.count()).toBe(0)

    await ferry.button('Resume').click()
    await ferry.button('Terminate').click()
    await confirm.getByRole('button', { name: 'Terminate now' }).click()
    expect(await ferry.waitForEnd()).toContain('Copy terminated')
    // The job ends only after the partial files of the destroyed workers are deleted.
    await expectCleanStop(destination)
    await close()
  })

  it('Ctrl+C on the web shell mid-copy cancels the copy before exiting: no partial files', async () => {
    const shell = await startShell(harness.buildDir, harness.home)
    const destination = await harness.dir('dst')
    const { page } = await openApp(harness.browser, shell.url)
    const ferry = new FerryPage(page)
    await ferry.addSource(source)
    await ferry.setDestination(destination)
    await ferry.setThreads(1)
    await ferry.start()
    await pauseMidFile(ferry, destination)
    await ferry.button('Resume').click()
    expect(await shell.stop()).toBe(0)
    expect(shell.output()).toContain('SIGINT: cancelling the running copy')
    await expectCleanStop(destination)
    await page.context().close()
  })
})
