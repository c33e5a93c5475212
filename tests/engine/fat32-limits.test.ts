import { execFileSync } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountFat32, unmountFat32, whyNoFat32 } from '../helpers/fat32'
import { useEngineSuite } from '../helpers/engine-suite'
import { runJob } from '../helpers/job-run'

const { engine, temp } = useEngineSuite()
const noFat = whyNoFat32()
let fat = ''

beforeAll(async () => {
  if (!noFat) fat = await mountFat32(await temp.make('fat'))
})
afterAll(async () => {
  if (fat) await unmountFat32(fat)
})

describe.skipIf(noFat !== undefined)(
  `limits of a real FAT32 (fusefat)${noFat ? `: skipped, ${noFat}` : ''}`,
  () => {
    it('a file of 4 GiB fails with FILE_TOO_LARGE before any of its bytes are written; the rest is copied', async () => {
      const src = join(await temp.make('src'), 'big')
      await mkdir(src)
      execFileSync('truncate', ['-s', '4G', join(src, 'disk.img')]) // sparse: costs nothing
      await writeFile(join(src, 'small.txt'), 'small')
      const dst = join(fat, 'big')
      const { summary, rec } = await runJob(engine, { sources: [src], destination: dst })
      const started = rec.events.find((event) => event.type === 'started')
      expect(started?.type === 'started' && started.runtime?.device.fsType).toBe('vfat')
      const big = rec.results.find((r) => r.name === 'big/disk.img')
      expect(big?.status).toBe('failed')
      expect(big?.error?.code).toBe('FILE_TOO_LARGE')
      expect(big?.error?.message).toMatch(/FAT32.*4 GiB − 1 byte.*exFAT or NTFS/)
      // Never handed to a worker: no snapshot ever showed it in flight, and no byte of it was written.
      expect(rec.snapshots.some((s) => s.inFlight.some((f) => f.name === 'big/disk.img'))).toBe(false)
      expect(summary).toMatchObject({ filesDone: 1, filesFailed: 1, bytesCopied: 5 })
      expect(await readdir(dst)).toEqual(['small.txt'])
    })

    it('names FAT refuses and names that differ only by case fail early with their own codes', async () => {
      const src = join(await temp.make('src'), 'names')
      await mkdir(join(src, 'aux'), { recursive: true })
      const names = [
        'a:b.txt',
        'trailing.',
        'trailing ',
        'CON.txt',
        'ctrl\u0001.txt',
        'Readme.md',
        'README.md',
        'ok.txt',
      ]
      for (const name of names) await writeFile(join(src, name), name)
      await writeFile(join(src, 'aux', 'inside.txt'), 'inside')
      const dst = join(fat, 'names')
      const { summary, rec } = await runJob(engine, { sources: [src], destination: dst })
      const code = (name: string): string | undefined =>
        rec.results.find((r) => r.name === `names/${name}`)?.error?.code
      expect(code('a:b.txt')).toBe('NAME_NOT_ALLOWED')
      expect(code('trailing.')).toBe('NAME_NOT_ALLOWED')
      expect(code('trailing ')).toBe('NAME_NOT_ALLOWED')
      expect(code('CON.txt')).toBe('NAME_NOT_ALLOWED')
      expect(code('ctrl\u0001.txt')).toBe('NAME_NOT_ALLOWED')
      expect(code('aux')).toBe('NAME_NOT_ALLOWED')
      expect(code('aux/inside.txt')).toBe('NAME_NOT_ALLOWED') // its folder could not be created
      const clash = rec.results.filter((r) => r.error?.code === 'NAME_CLASH')
      expect(clash).toHaveLength(1)
      expect(clash[0]!.error!.message).toMatch(/differs from "(Readme|README)\.md".*only by case/)
      expect(summary).toMatchObject({ filesDone: 2, filesFailed: 8 })
      const first = clash[0]!.name.endsWith('Readme.md') ? 'README.md' : 'Readme.md'
      expect((await readdir(dst)).sort()).toEqual([first, 'ok.txt'])
    })
  },
)
