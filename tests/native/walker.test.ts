/** The native walker returns exactly the names readdir gives as buffers, with lstat's kind, size and identity. */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEntries } from '../../src/engine/native/native-core'
import { bytePathOf, core, noNative, TempDirs } from './native-helpers'

const temp = new TempDirs()
afterAll(() => temp.cleanup())

describe.skipIf(noNative)('native readDir', () => {
  it('returns the exact name bytes (\\xff, U+FFFD, newline) and lstat fields of every entry', async () => {
    const dir = await temp.make('nwalk')
    const names = [Buffer.from([0xff]), Buffer.from('\uFFFD'), Buffer.from('new\nline'), Buffer.from('plain')]
    for (const name of names) fs.writeFileSync(bytePathOf(dir, name), name)
    fs.mkdirSync(join(dir, 'sub'))
    fs.symlinkSync('plain', join(dir, 'link'))
    const entries = readEntries(core(), dir)
    const expected = fs.readdirSync(dir, { encoding: 'buffer' }).map((name) => name.toString('hex'))
    expect(entries.map((e) => e.name.toString('hex')).sort()).toEqual(expected.sort())
    for (const entry of entries) {
      const st = fs.lstatSync(bytePathOf(dir, entry.name), { bigint: true })
      expect(entry.ino).toBe(st.ino)
      expect(entry.dev).toBe(st.dev)
      expect(entry.size).toBe(Number(st.size))
      expect(entry.mtimeNs).toBe(st.mtimeNs)
      expect(entry.kind).toBe(st.isDirectory() ? 'directory' : st.isSymbolicLink() ? 'symlink' : 'file')
    }
  })

  it('throws a Node-shaped error for a folder that is not there, and refuses to follow a link', async () => {
    const dir = await temp.make('nwalk-missing')
    expect(() => core().readDir(join(dir, 'gone'))).toThrow(expect.objectContaining({ code: 'ENOENT' }))
    fs.symlinkSync(dir, join(dir, 'loop'))
    // O_DIRECTORY | O_NOFOLLOW on a link: Linux says ENOTDIR (the link itself is not a folder).
    expect(() => core().readDir(join(dir, 'loop'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
  })
})
