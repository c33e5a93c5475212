import { execFileSync } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, runFerry } from '../helpers/cli'
import { mountFat32, unmountFat32, whyNoFat32 } from '../helpers/fat32'
import { TempDirs } from '../helpers/temp-dirs'

const temp = new TempDirs()
const noFat = whyNoFat32()
let fat = ''

beforeAll(async () => {
  if (!noFat) fat = await mountFat32(await temp.make('fat'))
})
afterAll(async () => {
  if (fat) await unmountFat32(fat)
  await temp.cleanup()
})

async function tree(): Promise<string> {
  const src = join(await temp.make('src'), 'usb')
  await mkdir(src)
  execFileSync('truncate', ['-s', '4G', join(src, 'movie.mkv')]) // sparse
  await writeFile(join(src, 'what?.txt'), 'q')
  await writeFile(join(src, 'NUL.log'), 'n')
  await writeFile(join(src, 'ok.txt'), 'ok')
  return src
}

describe.skipIf(noFat !== undefined)(
  `ferry onto a real FAT32 (fusefat)${noFat ? `: skipped, ${noFat}` : ''}`,
  () => {
    it('--dry-run lists what the filesystem cannot hold, per kind, and exits 1', async () => {
      const src = await tree()
      const result = await runFerry(['--dry-run', src, join(fat, 'dry')])
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/1 too large .*\[FILE_TOO_LARGE\]: usb\/movie\.mkv/)
      expect(result.stdout).toMatch(/2 with names it does not allow \[NAME_NOT_ALLOWED\]: /)
      const json = await runFerry(['--dry-run', '--json', src, join(fat, 'dry')])
      const plan = jsonLines(json.stdout).find((line) => line.type === 'plan')
      expect(plan).toMatchObject({
        exitCode: 1,
        beyondLimits: { FILE_TOO_LARGE: { count: 1 }, NAME_NOT_ALLOWED: { count: 2 } },
      })
      await expect(readdir(join(fat, 'dry'))).rejects.toThrow()
    })

    it('a real run fails those files at once, with the code and a remedy, and copies the rest', async () => {
      const src = await tree()
      const dst = join(fat, 'real')
      const result = await runFerry([src, dst])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/movie\.mkv.*exFAT or NTFS.*\[FILE_TOO_LARGE\]/)
      expect(result.stderr).toMatch(/NUL\.log.*reserved device name.*\[NAME_NOT_ALLOWED\]/)
      expect(await readdir(dst)).toEqual(['ok.txt'])
    })
  },
)
