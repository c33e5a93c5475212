/**
 * The native batch copy on real files: byte-identical copies (by hash) of empty, tiny, page-sized, multi-chunk,
 * sparse and non-UTF-8-named files, ns times, modes, NOREPLACE, progress words and compact outcomes.
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BatchBuilder, outcomeAt } from '../../src/engine/native/batch'
import { OUT, OutFlag, Status } from '../../src/engine/native/constants'
import { bytePathOf, copyOne, core, noNative, notRoot, sha256, TEMP, TempDirs } from './native-helpers'

const temp = new TempDirs()
afterAll(() => temp.cleanup())
const MiB = 1 << 20

describe.skipIf(noNative)('native copyBatch', () => {
  it('copies empty, 1-byte, 4 KiB and multi-chunk files byte for byte, leaving no temp', async () => {
    const src = await temp.make('nsrc')
    const dst = await temp.make('ndst')
    const sizes = { empty: 0, one: 1, page: 4096, chunks: 3 * MiB + 17 }
    for (const [name, size] of Object.entries(sizes)) {
      const data = Buffer.alloc(size)
      for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 12)) & 0xff
      fs.writeFileSync(join(src, name), data)
    }
    for (const name of Object.keys(sizes)) {
      const outcome = copyOne(src, name, dst, {}, { chunkSize: MiB })
      expect(outcome).toMatchObject({ status: 'done', bytes: sizes[name as keyof typeof sizes], errno: 0 })
      expect(sha256(join(dst, name))).toBe(sha256(join(src, name)))
    }
    expect(fs.readdirSync(dst).sort()).toEqual(Object.keys(sizes).sort())
  })

  it('keeps the holes of a sparse file', async () => {
    const src = await temp.make('nsparse')
    const dst = await temp.make('nsparse-dst')
    const fd = fs.openSync(join(src, 'sparse'), 'w')
    fs.ftruncateSync(fd, 64 * MiB)
    fs.writeSync(fd, Buffer.from('middle'), 0, 6, 32 * MiB)
    fs.writeSync(fd, Buffer.from('end'), 0, 3, 64 * MiB - 3)
    fs.closeSync(fd)
    const outcome = copyOne(src, 'sparse', dst)
    expect(outcome.status).toBe('done')
    expect(outcome.flags & (OutFlag.SPARSE | OutFlag.CLONED)).not.toBe(0)
    expect(sha256(join(dst, 'sparse'))).toBe(sha256(join(src, 'sparse')))
    const copy = fs.statSync(join(dst, 'sparse'))
    expect(copy.size).toBe(64 * MiB)
    expect(copy.blocks * 512).toBeLessThan(MiB)
  })

  it('copies a name that is not UTF-8 (\\xff) under its exact bytes', async () => {
    const src = await temp.make('nbytes')
    const dst = await temp.make('nbytes-dst')
    const name = Buffer.from([0x66, 0xff, 0x2e, 0x74])
    fs.writeFileSync(bytePathOf(src, name), 'latin')
    fs.writeFileSync(join(src, 'f\uFFFD.t'), 'replacement character')
    expect(copyOne(src, name, dst).status).toBe('done')
    expect(fs.readdirSync(dst, { encoding: 'buffer' })).toEqual([name])
    expect(fs.readFileSync(bytePathOf(dst, name), 'utf8')).toBe('latin')
  })

  it('preserves the modification and access times to the nanosecond', async () => {
    const src = await temp.make('ntimes')
    const dst = await temp.make('ntimes-dst')
    fs.writeFileSync(join(src, 'f'), 'x')
    // Node cannot set ns times; touch can.
    await import('node:child_process').then(({ execFileSync }) =>
      execFileSync('touch', ['-m', '-d', '2021-03-04 05:06:07.123456789', join(src, 'f')]),
    )
    // Read before the copy: reading the source may update its atime (relatime), and the copy keeps the time the
    // source had when it was opened, as cp -p does.
    const before = fs.statSync(join(src, 'f'), { bigint: true })
    expect(copyOne(src, 'f', dst).status).toBe('done')
    const after = fs.statSync(join(dst, 'f'), { bigint: true })
    expect(before.mtimeNs % 1_000_000_000n).toBe(123_456_789n)
    expect(after.mtimeNs).toBe(before.mtimeNs)
    expect(after.atimeNs).toBe(before.atimeNs)
  })

  it.skipIf(notRoot)('preserves modes 0600 and 4755 (as root)', async () => {
    const src = await temp.make('nmode')
    const dst = await temp.make('nmode-dst')
    for (const [name, mode] of [
      ['private', 0o600],
      ['setuid', 0o4755],
    ] as const) {
      fs.writeFileSync(join(src, name), name)
      fs.chmodSync(join(src, name), mode)
      expect(copyOne(src, name, dst, {}, { umask: 0o022 }).status).toBe('done')
      expect(fs.statSync(join(dst, name)).mode & 0o7777).toBe(mode)
    }
  })

  it('refuses to clobber with NOREPLACE (EEXIST at the rename, final path) and replaces when asked', async () => {
    const src = await temp.make('nnoreplace')
    const dst = await temp.make('nnoreplace-dst')
    fs.writeFileSync(join(src, 'f'), 'new')
    fs.writeFileSync(join(dst, 'f'), 'old')
    const refused = copyOne(src, 'f', dst)
    expect(refused).toMatchObject({
      status: 'exists',
      code: 'EEXIST',
      step: 'rename',
      path: 'final',
      bytes: 0,
    })
    expect(fs.readFileSync(join(dst, 'f'), 'utf8')).toBe('old')
    expect(fs.readdirSync(dst)).toEqual(['f'])
    const kept = copyOne(src, 'f', dst, { keepTempOnExists: true })
    expect(kept.flags & OutFlag.TEMP_KEPT).toBe(OutFlag.TEMP_KEPT)
    expect(fs.readFileSync(join(dst, TEMP), 'utf8')).toBe('new')
    fs.unlinkSync(join(dst, TEMP))
    expect(copyOne(src, 'f', dst, { rename: 'replace' }).status).toBe('done')
    expect(fs.readFileSync(join(dst, 'f'), 'utf8')).toBe('new')
  })

  it('copies a symlink as a link to the same target bytes, with its times', async () => {
    const src = await temp.make('nlink')
    const dst = await temp.make('nlink-dst')
    const target = Buffer.from('caf\xe9.txt', 'latin1')
    fs.symlinkSync(target, join(src, 'link'))
    expect(copyOne(src, 'link', dst, { symlink: true }).status).toBe('done')
    expect(fs.readlinkSync(join(dst, 'link'), { encoding: 'buffer' })).toEqual(target)
    const a = fs.lstatSync(join(src, 'link'), { bigint: true })
    expect(fs.lstatSync(join(dst, 'link'), { bigint: true }).mtimeNs).toBe(a.mtimeNs)
  })

  it('reports progress like the JS worker and one compact Float64Array of outcomes per batch', async () => {
    const src = await temp.make('nbatch')
    const dst = await temp.make('nbatch-dst')
    const builder = new BatchBuilder()
    let total = 0
    for (let i = 0; i < 50; i++) {
      fs.writeFileSync(join(src, `f${i}`), Buffer.alloc(i * 100, i))
      total += i * 100
      builder.add({
        id: i,
        srcDir: src,
        srcName: `f${i}`,
        dstDir: dst,
        tempName: `.t${i}`,
        finalName: `f${i}`,
      })
    }
    builder.add({
      id: 50,
      srcDir: src,
      srcName: 'missing',
      dstDir: dst,
      tempName: '.tm',
      finalName: 'missing',
      size: 7,
    })
    const progress = new BigInt64Array(new SharedArrayBuffer(32))
    const statuses = new Uint8Array(new SharedArrayBuffer(64))
    const { paths, items } = builder.build()
    const out = core().copyBatch(paths, items, { progress, statuses })
    expect(out).toBeInstanceOf(Float64Array)
    expect(out.length).toBe(51 * OUT.WORDS)
    for (let i = 0; i < 50; i++) expect(out[i * OUT.WORDS + OUT.STATUS]).toBe(Status.DONE)
    expect(outcomeAt(core(), out, 50, 50)).toMatchObject({
      status: 'failed',
      code: 'ENOENT',
      step: 'open-source',
      path: 'source',
    })
    expect([...progress]).toEqual([0n, 0n, BigInt(total + 7), BigInt(total)])
    expect([...statuses.subarray(0, 51)]).toEqual([...Array<number>(50).fill(1), 3])
    expect(fs.readdirSync(dst)).toHaveLength(50)
  })
})

describe.skipIf(noNative)('native renameBatch', () => {
  it('renames within each folder (replacing, as rename(2)) and reports each errno', async () => {
    const a = await temp.make('rba')
    const b = await temp.make('rbb')
    fs.writeFileSync(join(a, '.t1'), '1')
    fs.writeFileSync(join(a, '.t2'), '2')
    fs.writeFileSync(join(a, 'two'), 'old')
    fs.writeFileSync(join(b, '.t3'), '3')
    const names = [a, '.t1', 'one', '.t2', 'two', b, '.t3', 'three', '.gone', 'x']
    const at: number[] = []
    let joined = ''
    for (const name of names) {
      at.push(joined.length)
      joined += `${name}\0`
    }
    const o = (i: number): number => at[i]!
    const offsets = Int32Array.from([o(0), o(1), o(2), o(0), o(3), o(4), o(5), o(6), o(7), o(5), o(8), o(9)])
    const errnos = core().renameBatch!(Buffer.from(joined, 'latin1'), offsets)
    expect([...errnos.subarray(0, 3)]).toEqual([0, 0, 0])
    expect(core().errnoName(errnos[3]!)).toBe('ENOENT')
    expect(fs.readdirSync(a).sort()).toEqual(['one', 'two'])
    expect(fs.readFileSync(join(a, 'two'), 'utf8')).toBe('2')
    expect(fs.readdirSync(b)).toEqual(['three'])
  })

  it('leaves a temp with no final name as WRITTEN in its status byte', async () => {
    const src = await temp.make('wsrc')
    const dst = await temp.make('wdst')
    fs.writeFileSync(join(src, 'a'), 'hello')
    fs.writeFileSync(join(src, 'b'), 'hi')
    const builder = new BatchBuilder()
      .add({ id: 0, srcDir: src, srcName: 'a', dstDir: dst, tempName: '.ta' })
      .add({ id: 1, srcDir: src, srcName: 'b', dstDir: dst, tempName: '.tb', finalName: 'b' })
    const statuses = new Uint8Array(new SharedArrayBuffer(2))
    const progress = new BigInt64Array(new SharedArrayBuffer(32))
    const { paths, items } = builder.build()
    core().copyBatch(paths, items, { statuses, progress })
    expect([...statuses]).toEqual([5, 1]) // ITEM_WRITTEN, ITEM_DONE (src/engine/protocol.ts)
    expect([...progress]).toEqual([0n, 0n, 7n, 7n])
    expect(fs.readdirSync(dst).sort()).toEqual(['.ta', 'b'])
  })
})
