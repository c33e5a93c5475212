import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { until } from './helpers/browser'
import { chownToNobody, hashFile, listFiles } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

describe('sources and conflicts in the browser', () => {
  it('adds a source and picks the destination through the server-side folder browser', async () => {
    const pictures = join(harness.home, 'Pictures')
    await mkdir(join(pictures, '2024'), { recursive: true })
    await mkdir(join(harness.home, 'Backups'))
    await writeFile(join(pictures, '2024', 'beach.jpg'), 'jpeg bytes')
    await writeFile(join(pictures, 'cat.png'), 'png bytes')
    await chownToNobody(harness.home)

    const { ferry, context } = await harness.open()
    await ferry.button('Add folder…').click()
    const browse = ferry.page.getByRole('dialog', { name: 'Browse folders' })
    await browse.getByRole('button', { name: 'Pictures', exact: true }).click()
    await browse.getByRole('button', { name: '2024', exact: true }).waitFor()
    await browse.getByRole('button', { name: 'Choose this folder' }).click()
    await browse.waitFor({ state: 'hidden' })
    await ferry.button(`Remove ${pictures}`).waitFor()

    await ferry.button('Choose destination…').click()
    await browse.getByRole('button', { name: 'Backups', exact: true }).click()
    await until('the browser to open Backups', async () =>
      (await browse.innerText()).includes(join(harness.home, 'Backups')),
    )
    await browse.getByRole('button', { name: 'Choose this folder' }).click()
    const destination = ferry.page.getByRole('textbox', { name: 'Destination folder' })
    expect(await destination.inputValue()).toBe(join(harness.home, 'Backups'))

    await ferry.start()
    expect(await ferry.waitForEnd()).toContain('Copy finished')
    expect(await listFiles(join(harness.home, 'Backups'))).toEqual([
      'Pictures/2024/beach.jpg',
      'Pictures/cat.png',
    ])
    expect(await readFile(join(harness.home, 'Backups', 'Pictures', 'cat.png'), 'utf8')).toBe('png bytes')
    await context.close()
  })

  it('asks about each existing file and obeys Replace, Skip, and Keep both with "Apply to all"', async () => {
    const names = ['alpha.txt', 'bravo.txt', 'charlie.txt', 'delta.txt']
    const source = join(await harness.dir('src'), 'letters')
    const destination = await harness.dir('dst')
    await mkdir(source)
    await mkdir(join(destination, 'letters'))
    const old = new Date('2020-01-01T00:00:00Z')
    for (const name of names) {
      await writeFile(join(source, name), `new ${name}\n`.repeat(3))
      await writeFile(join(destination, 'letters', name), `old ${name}\n`)
      await utimes(join(destination, 'letters', name), old, old)
    }
    await chownToNobody(source)
    await chownToNobody(destination)

    const { ferry, context } = await harness.open()
    await ferry.addSource(source)
    await ferry.setDestination(destination)
    await ferry.setPolicy('Ask me')
    await ferry.setThreads(1)
    await ferry.start()

    const prompt = ferry.page.getByRole('dialog', { name: 'File already exists' })
    const asked: string[] = []
    const answers = ['Replace', 'Skip', 'Keep both'] as const
    for (const [i, answer] of answers.entries()) {
      const name = await until(`question ${i + 1}`, async () => {
        const text = await prompt.innerText({ timeout: 500 }).catch(() => '')
        return names.find((candidate) => text.includes(candidate) && !asked.includes(candidate))
      })
      asked.push(name)
      const text = await prompt.innerText()
      // Both versions are shown with their sizes.
      expect(text).toContain(`${`new ${name}\n`.length * 3} B`)
      expect(text).toContain(`${`old ${name}\n`.length} B`)
      if (answer === 'Keep both') await prompt.getByRole('checkbox', { name: 'Apply to all' }).check()
      await prompt.getByRole('button', { name: answer, exact: true }).click()
    }
    expect(await ferry.waitForEnd()).toContain('Copy finished')
    expect(await prompt.count()).toBe(0)

    const [replaced, skipped, keptBoth] = asked as [string, string, string]
    const notAsked = names.find((name) => !asked.includes(name))!
    const read = (name: string) => readFile(join(destination, 'letters', name), 'utf8')
    expect(await read(replaced)).toBe(`new ${replaced}\n`.repeat(3))
    expect(await read(skipped)).toBe(`old ${skipped}\n`)
    for (const name of [keptBoth, notAsked]) {
      expect(await read(name)).toBe(`old ${name}\n`)
      const copy = name.replace('.txt', ' (1).txt')
      expect(await hashFile(join(destination, 'letters', copy))).toBe(await hashFile(join(source, name)))
    }
    expect((await listFiles(destination)).length).toBe(6)
    await context.close()
  })
})
