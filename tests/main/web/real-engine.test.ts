import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CopyEngine } from '../../../src/engine'
import { startWebShell, type WebShell } from '../../../src/main/web/server'
import { APP_PROGRESS_HZ } from '../../../src/shared/ipc'
import type { JobEvent } from '../../../src/shared/job'
import { makeEngine } from '../../helpers/engine'
import { TempDirs } from '../../helpers/temp-dirs'
import { openSocket } from './web-client'

const dirs = new TempDirs()
let engine: CopyEngine
let shell: WebShell

beforeAll(async () => {
  // The app's rate: the engine's tick is the one owner of it, and the shell sends one frame per tick.
  engine = makeEngine({ progressHz: APP_PROGRESS_HZ })
  const rendererDir = await dirs.make('renderer')
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>')
  shell = await startWebShell({ engine, rendererDir })
})

afterAll(async () => {
  await shell.close()
  await engine.close()
  await dirs.cleanup()
})

describe('web shell with the real engine', () => {
  it('copies 4,000 files in at most 20 event frames a second, every result delivered', async () => {
    const source = join(await dirs.make('src'), 'tree')
    const destination = await dirs.make('dst')
    for (let d = 0; d < 20; d++) {
      await mkdir(join(source, `d${d}`), { recursive: true })
      await Promise.all(
        Array.from({ length: 200 }, (_, f) => writeFile(join(source, `d${d}`, `f${f}.txt`), `${d}/${f}\n`)),
      )
    }
    const client = await openSocket(`ws://127.0.0.1:${shell.port}/ws?token=${shell.token}`, shell.origin)
    const started = await client.call('job:start', { sources: [source], destination })
    expect(started.ok).toBe(true)
    await client.waitFor((m) => m.type === 'events' && m.events.some((e) => e.type === 'finished'), 60_000)
    client.socket.close()

    const events: JobEvent[] = client.events
    const finished = events.at(-1)
    expect(finished).toMatchObject({ type: 'finished', summary: { state: 'done', filesDone: 4000 } })
    const results = events.flatMap((event) => (event.type === 'files' ? event.results : []))
    expect(results).toHaveLength(4000)
    expect(new Set(results.map((r) => r.id)).size).toBe(4000)

    // One frame per engine tick: in any one second at most 20 event frames reached the page, each carrying that
    // tick's results and progress together.
    const times = client.messages.flatMap((m, i) => (m.type === 'events' ? [client.receivedAt[i]!] : []))
    expect(times.length).toBeGreaterThan(1)
    for (const [i, t] of times.entries()) {
      expect(
        times.filter((u) => u >= t && u < t + 1000).length,
        `frames in the second after #${i}`,
      ).toBeLessThanOrEqual(20)
    }
    const mixed = client.messages.filter(
      (m) =>
        m.type === 'events' &&
        m.events.some((e) => e.type === 'files') &&
        m.events.some((e) => e.type === 'progress'),
    )
    expect(mixed.length).toBeGreaterThan(0)
    expect((await readdir(join(destination, 'tree', 'd7'))).length).toBe(200)
  })
})
