import { describe, expect, it } from 'vitest'
import {
  LimitChecker,
  type LimitEntry,
  limitsFor,
  MAX_PATH_BYTES,
  windowsNameProblem,
} from '../../src/engine/fs-limits'

function entry(base: string, over: Partial<LimitEntry> = {}): LimitEntry {
  return {
    kind: 'file',
    base,
    baseBytes: Buffer.byteLength(base),
    parent: '/dst',
    pathBytes: 5 + Buffer.byteLength(base),
    source: `/src/${base}`,
    size: 1,
    ...over,
  }
}

describe('names Windows filesystems refuse', () => {
  it.each([
    ['a<b', '"<"'],
    ['a|b', '"|"'],
    ['what?', '"?"'],
    ['tab\there', 'U+0009'],
    ['dot.', 'a dot'],
    ['space ', 'a space'],
    ['con', 'CON is a reserved'],
    ['Nul.tar.gz', 'NUL is a reserved'],
    ['com9.txt', 'COM9 is a reserved'],
    ['LPT1', 'LPT1 is a reserved'],
  ])('%j: %s', (name, why) => {
    expect(windowsNameProblem(name)).toContain(why)
  })

  it.each(['console.txt', 'COM0', 'LPT10', 'a.b', '.hidden', 'über', 'CONx.txt'])('%j is allowed', (name) => {
    expect(windowsNameProblem(name)).toBeUndefined()
  })
})

describe('LimitChecker', () => {
  it('counts FAT, exFAT and NTFS names in UTF-16 units, the others in bytes', () => {
    const name = '€'.repeat(100) // 100 UTF-16 units, 300 bytes
    expect(new LimitChecker(limitsFor('exfat'), '/d').check(entry(name))).toBeUndefined()
    const ext4 = new LimitChecker(limitsFor('ext4'), '/d').check(entry(name))
    expect(ext4).toMatchObject({ code: 'NAME_TOO_LONG' })
    expect(ext4?.message).toMatch(/300 bytes long.*allows 255/)
    expect(new LimitChecker(limitsFor('vfat'), '/d').check(entry('x'.repeat(256)))).toMatchObject({
      code: 'NAME_TOO_LONG',
    })
  })

  it('refuses a destination path longer than PATH_MAX on any filesystem', () => {
    const check = new LimitChecker(limitsFor('xfs'), '/d')
    expect(check.check(entry('a', { pathBytes: MAX_PATH_BYTES }))).toBeUndefined()
    expect(check.check(entry('a', { pathBytes: MAX_PATH_BYTES + 1 }))?.code).toBe('NAME_TOO_LONG')
  })

  it('FAT32 holds files up to 4 GiB − 1 byte; exFAT and others have no such limit', () => {
    const fat = new LimitChecker(limitsFor('vfat'), '/d')
    expect(fat.check(entry('a', { size: 2 ** 32 - 1 }))).toBeUndefined()
    expect(fat.check(entry('b', { size: 2 ** 32 }))?.code).toBe('FILE_TOO_LARGE')
    expect(new LimitChecker(limitsFor('exfat'), '/d').check(entry('c', { size: 2 ** 40 }))).toBeUndefined()
  })

  it('case clashes only on case-insensitive filesystems, per folder and among the roots', () => {
    const ntfs = new LimitChecker(limitsFor('ntfs3'), '/d')
    expect(ntfs.check(entry('Photo.JPG'))).toBeUndefined()
    expect(ntfs.check(entry('photo.jpg'))?.code).toBe('NAME_CLASH')
    expect(ntfs.check(entry('photo.jpg', { parent: '/dst/other' }))).toBeUndefined()
    expect(ntfs.check(entry('Root', { parent: '/x' }), true)).toBeUndefined()
    expect(ntfs.check(entry('ROOT', { parent: '/x' }), true)?.code).toBe('NAME_CLASH')
    const ext4 = new LimitChecker(limitsFor('ext4'), '/d')
    expect(ext4.check(entry('a:b'))).toBeUndefined()
    expect(ext4.check(entry('A:B'))).toBeUndefined()
  })
})
