/**
 * A big job in the browser: 20,000 small files. The page must get at most 20 WebSocket frames a second (one frame
 * per tick, however many results and snapshots a tick carries), and when the job ends the files list must reach
 * its last row.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { until } from './helpers/browser'
import { chownToNobody, listFiles } from './helpers/files'
import { type Harness, startHarness } from './helpers/harness'

const FOLDERS = 200
const PER_FOLDER = 100
const FILES = FOLDERS * PER_FOLDER
let harness: Harness
let source: string

beforeAll(async () => {
  harness = await startHarness()
  source = join(await harness.dir('src'), 'many')
  const body = Buffer.alloc(512, 'x')
  for (let d = 0; d < FOLDERS; d++) {
    const folder = join(source, `d${String(d).padStart(3, '0')}`)
    await mkdir(folder, { recursive: true })
    await Promise.all(
      Array.from({ length: PER_FOLDER }, (_, f) =>
        writeFile(join(folder, `f${String(f).padStart(3, '0')}.txt`), body),
      ),
    )
  }
  await chownToNobody(source)
}, 300_000)

afterAll(async () => {
  expect(await harness?.close()).toBe(0)
})

describe('a 20,000-file copy in the browser', () => {
  it('reaches the page in at most 20 WebSocket frames a second, and the files list ends at the last file', async () => {
    const destination = await harness.dir('dst')
    const { ferry, consoleErrors, context } = await harness.open()
    const page = ferry.page
    const frames: number[] = []
    page.on('websocket', (socket) => socket.on('framereceived', () => frames.push(Date.now())))
    await ferry.addSource(source)
    await ferry.setDestination(destination)

    const startedAt = Date.now()
    await ferry.button('Start copy').click()
    expect(await ferry.waitForEnd(240_000)).toContain('Copy finished')
    const seconds = Math.max(1, (Date.now() - startedAt) / 1000)
    const during = frames.filter((at) => at >= startedAt).length
    const perSecond = during / seconds
    expect(perSecond, `${during} frames in ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(20)

    // The list follows its end through the last batch, which lands as the job finishes.
    const list = page.getByRole('list', { name: 'Finished files' })
    await until(
      'the last row of the files list in view',
      async () => {
        const last = await list
          .getByRole('listitem')
          .evaluateAll((items) =>
            Math.max(...items.map((item) => Number(item.getAttribute('aria-posinset')))),
          )
        return last === FILES
      },
      10_000,
    )
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(FILES))
    expect((await listFiles(join(destination, 'many'))).length).toBe(FILES)
    expect(consoleErrors).toEqual([])
    await context.close()
  }, 300_000)
})
