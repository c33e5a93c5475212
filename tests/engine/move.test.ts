/**
 * Move: every file ends byte-identical (by hash) at the destination with its source gone; on the same filesystem by
 * a rename (the inode travels), across filesystems by a copy whose source is deleted only once it is durable; a
 * source that changed after it was copied is kept; files that were skipped or failed keep their sources and their
 * folders; source folders go only when empty.
 */
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BytePath } from '../../src/engine/lib/byte-path'
import { partialName, sourceIdentity, type CopyItem } from '../../src/engine/protocol'
import { commitGroup } from '../../src/engine/worker/commit'
import { useEngineSuite } from '../helpers/engine-suite'
import { cannotDropPrivileges, copyAsNobody, NOBODY_UID, NOGROUP_GID } from '../helpers/privileges'
import { runJob } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { mountTmpfs, type TmpfsMount } from '../helpers/tmpfs'
import { diffTrees, link, snapshotTree, writeTree, type TreeSpec } from '../helpers/tree'

const { engine, temp } = useEngineSuite()

const exists = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined

function spec(): TreeSpec {
  return {
    'top.txt': 'top',
    'big.bin': seededBytes(3 << 20, 7),
    sub: { 'a.bin': seededBytes(70_000, 1), deeper: { 'b.txt': 'bee', 'c.bin': seededBytes(1234, 2) } },
    empty: {},
    'link-to-top': link('top.txt'),
  }
}

const mounts: TmpfsMount[] = []
afterAll(async () => {
  for (const m of mounts) if (m.ok) await m.unmount()
})

/** A destination folder on another filesystem (a tmpfs), or why there is none. */
async function otherDevice(): Promise<string | { reason: string }> {
  const dir = await temp.make('tmpfs')
  const mounted = await mountTmpfs(dir, 64 << 20)
  if (!mounted.ok) return { reason: mounted.reason }
  mounts.push(mounted)
  return dir
}

describe('move', () => {
  it('on the same filesystem renames every file (same inode), hash-identical, and removes the source tree', async () => {
    const src = join(await temp.make('src'), 'tree')
    await writeTree(src, spec())
    const expected = await snapshotTree(src)
    const bigIno = statSync(join(src, 'big.bin')).ino
    const dst = join(await temp.make('dst'), 'moved')
    const { summary, rec } = await runJob(engine, { sources: [src], destination: dst, move: true })
    expect(summary).toMatchObject({ state: 'done', filesDone: 6, filesMoved: 6, filesFailed: 0 })
    expect(diffTrees(expected, await snapshotTree(dst))).toEqual([])
    expect(statSync(join(dst, 'big.bin')).ino).toBe(bigIno)
    expect(exists(src)).toBe(false)
    expect(rec.results.filter((r) => r.status === 'done').map((r) => r.action)).toEqual(
      Array(6).fill('moved'),
    )
  })

  it('across filesystems copies, then deletes each source; hash-identical; folders removed', async ({
    skip,
  }) => {
    const device = await otherDevice()
    if (typeof device !== 'string') return skip(device.reason)
    const src = join(await temp.make('src'), 'tree')
    await writeTree(src, spec())
    const expected = await snapshotTree(src)
    const dst = join(device, 'moved')
    const { summary, rec } = await runJob(engine, { sources: [src], destination: dst, move: true })
    expect(summary).toMatchObject({ state: 'done', filesMoved: 6, filesFailed: 0, durable: true })
    expect(diffTrees(expected, await snapshotTree(dst))).toEqual([])
    expect(statSync(dst).dev).not.toBe(statSync(join(src, '..')).dev)
    expect(exists(src)).toBe(false)
    expect(new Set(rec.results.map((r) => r.action))).toEqual(new Set(['moved']))
  })

  it('across filesystems with --no-sync still waits for the disk before deleting a source', async ({
    skip,
  }) => {
    const device = await otherDevice()
    if (typeof device !== 'string') return skip(device.reason)
    const src = join(await temp.make('src'), 'tree')
    await writeTree(src, { 'x.bin': seededBytes(100_000, 3) })
    const expected = await snapshotTree(src)
    const dst = join(device, 'moved-nosync')
    const { summary } = await runJob(engine, { sources: [src], destination: dst, move: true, sync: false })
    expect(summary).toMatchObject({ state: 'done', filesMoved: 1, durable: true })
    expect(diffTrees(expected, await snapshotTree(dst))).toEqual([])
    expect(exists(src)).toBe(false)
  })

  it('keeps skipped and failed files at the source, with their folders; other folders go when empty', async () => {
    const root = await temp.make('src')
    const src = join(root, 'tree')
    await writeTree(src, {
      kept: { 'exists.txt': 'new' },
      blocked: { 'name.txt': 'mine' },
      fine: { 'ok.txt': 'ok' },
    })
    const dstParent = await temp.make('dst')
    await mkdir(join(dstParent, 'tree', 'kept'), { recursive: true })
    await writeFile(join(dstParent, 'tree', 'kept', 'exists.txt'), 'old')
    // A folder in the way of a file: that file fails (IS_A_DIRECTORY).
    await mkdir(join(dstParent, 'tree', 'blocked', 'name.txt'), { recursive: true })
    const { summary, rec } = await runJob(engine, {
      sources: [src],
      destination: dstParent,
      move: true,
      onConflict: 'skip',
    })
    expect(summary).toMatchObject({ filesMoved: 1, filesSkipped: 1, filesFailed: 1 })
    expect(rec.results.find((r) => r.name === 'tree/blocked/name.txt')?.error?.code).toBe('IS_A_DIRECTORY')
    expect(exists(join(src, 'kept', 'exists.txt'))).toBe(true)
    expect(exists(join(src, 'blocked', 'name.txt'))).toBe(true)
    expect(exists(join(src, 'fine'))).toBe(false)
    expect((await readdir(src)).sort()).toEqual(['blocked', 'kept'])
    expect(statSync(join(dstParent, 'tree', 'fine', 'ok.txt')).size).toBe(2)
  })

  it('never replaces an existing file unless the policy says so (rename keeps both; overwrite replaces)', async () => {
    for (const policy of ['rename', 'overwrite'] as const) {
      const src = join(await temp.make('src'), 'tree')
      await writeTree(src, { 'f.txt': 'new' })
      const dstParent = await temp.make('dst')
      await mkdir(join(dstParent, 'tree'))
      await writeFile(join(dstParent, 'tree', 'f.txt'), 'old')
      const { summary } = await runJob(engine, {
        sources: [src],
        destination: dstParent,
        move: true,
        onConflict: policy,
      })
      expect(summary.filesMoved).toBe(1)
      const names = (await readdir(join(dstParent, 'tree'))).sort()
      expect(names).toEqual(policy === 'rename' ? ['f (1).txt', 'f.txt'] : ['f.txt'])
      expect(exists(src)).toBe(false)
    }
  })

  for (const where of ['same', 'other'] as const)
    it(`hard links on the ${where} filesystem arrive still linked, and every source name goes`, async ({
      skip,
    }) => {
      const device = where === 'other' ? await otherDevice() : await temp.make('dst')
      if (typeof device !== 'string') return skip(device.reason)
      const src = join(await temp.make('src'), 'linked')
      await writeTree(src, { 'a.bin': seededBytes(50_000, 4), sub: {} })
      linkSync(join(src, 'a.bin'), join(src, 'sub', 'b.bin'))
      const dst = join(device, 'linked')
      const { summary } = await runJob(engine, { sources: [src], destination: dst, move: true })
      expect(summary).toMatchObject({ filesDone: 2, filesMoved: 2, filesFailed: 0 })
      const a = statSync(join(dst, 'a.bin'))
      expect(statSync(join(dst, 'sub', 'b.bin')).ino).toBe(a.ino)
      expect(a.nlink).toBe(2)
      expect(readFileSync(join(dst, 'sub', 'b.bin')).equals(seededBytes(50_000, 4))).toBe(true)
      expect(exists(src)).toBe(false)
    })

  it('--dry-run aside, a file-only source moves and its folder stays', async () => {
    const root = await temp.make('src')
    writeFileSync(join(root, 'one.txt'), 'one')
    writeFileSync(join(root, 'stays.txt'), 'stays')
    const dst = await temp.make('dst')
    const { summary } = await runJob(engine, {
      sources: [join(root, 'one.txt')],
      destination: dst,
      move: true,
    })
    expect(summary.filesMoved).toBe(1)
    expect(await readdir(root)).toEqual(['stays.txt'])
    expect(await readdir(dst)).toEqual(['one.txt'])
  })
})

describe('move: a source that cannot be deleted', () => {
  it('is copied and kept, with a warning saying why (a folder the user may not change)', async ({ skip }) => {
    const why = cannotDropPrivileges()
    if (why) return skip(why)
    const base = await temp.make('perm')
    chmodSync(base, 0o755)
    const src = join(base, 'locked')
    mkdirSync(src, { mode: 0o755 }) // root's: nobody may read it, not delete from it
    writeFileSync(join(src, 'doc.txt'), 'keep me')
    chmodSync(join(src, 'doc.txt'), 0o644)
    const dst = join(base, 'out')
    mkdirSync(dst)
    chownSync(dst, NOBODY_UID, NOGROUP_GID)
    const outcome = await copyAsNobody({ sources: [src], destination: dst, move: true })
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.summary).toMatchObject({ filesDone: 1, filesMoved: 0, filesFailed: 0 })
    expect(outcome.summary.warnings.map((w) => w.code)).toContain('PERMISSION_DENIED')
    expect(readFileSync(join(src, 'doc.txt'), 'utf8')).toBe('keep me')
    expect(readFileSync(join(dst, 'locked', 'doc.txt'), 'utf8')).toBe('keep me')
  })
})

describe('move: a commit group deletes a source only if it is still what was copied', () => {
  function entryFor(dir: string, name: string, id: number): { item: CopyItem; temp: BytePath } {
    const srcPath = join(dir, 'src', name)
    const st = statSync(srcPath)
    const item: CopyItem = {
      id,
      kind: 'file',
      src: srcPath as BytePath,
      dst: join(dir, 'dst', name) as BytePath,
      name,
      size: st.size,
      meta: { mode: st.mode, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs },
      dev: st.dev,
      ino: st.ino,
    }
    const temp = partialName(join(dir, 'dst') as BytePath, 'movetest', id)
    return { item, temp }
  }

  it('deletes an unchanged source after the rename; keeps a changed one and says why', async () => {
    const dir = await temp.make('commit')
    mkdirSync(join(dir, 'src'))
    mkdirSync(join(dir, 'dst'))
    writeFileSync(join(dir, 'src', 'same.txt'), 'same')
    writeFileSync(join(dir, 'src', 'changed.txt'), 'before')
    const same = entryFor(dir, 'same.txt', 1)
    const changed = entryFor(dir, 'changed.txt', 2)
    // The copies, as a worker leaves them: complete under their temporary names.
    writeFileSync(same.temp, 'same')
    writeFileSync(changed.temp, 'before')
    // The source changes after it was copied (another size and mtime).
    writeFileSync(join(dir, 'src', 'changed.txt'), 'after, longer')
    const entries = [same, changed].map(({ item, temp: t }) => ({
      id: item.id,
      temp: t,
      dst: item.dst,
      replace: false,
      fresh: true,
      source: sourceIdentity(item),
    }))
    const outcomes = commitGroup({ kind: 'commit', entries })
    expect(outcomes[0]).toMatchObject({ status: 'done', moved: true })
    expect(outcomes[1]).toMatchObject({ status: 'done', sourceKept: { code: 'SOURCE_CHANGED' } })
    expect(outcomes[1]).not.toHaveProperty('moved')
    expect(exists(join(dir, 'src', 'same.txt'))).toBe(false)
    expect(exists(join(dir, 'dst', 'same.txt'))).toBe(true)
    expect(statSync(join(dir, 'src', 'changed.txt')).size).toBe('after, longer'.length)
    expect(statSync(join(dir, 'dst', 'changed.txt')).size).toBe('before'.length)
  })

  it('deletes an unchanged source whose walk mtime (ns / 1e6) and lstat mtimeMs differ in the last bits', async () => {
    const dir = await temp.make('commit')
    mkdirSync(join(dir, 'src'))
    mkdirSync(join(dir, 'dst'))
    // Nanosecond mtimes: a few in twenty read differently as ms through the two formulas.
    let name = ''
    let walkMtimeMs = 0
    for (let i = 0; i < 2000 && !name; i++) {
      const path = join(dir, 'src', `f${i}.txt`)
      writeFileSync(path, 'x')
      const when = 1_700_000_000 + i + ((i * 7919) % 1_000_000) / 1_000_003
      utimesSync(path, when, when)
      const ns = lstatSync(path, { bigint: true }).mtimeNs
      if (Number(ns) / 1e6 !== lstatSync(path).mtimeMs) {
        name = `f${i}.txt`
        walkMtimeMs = Number(ns) / 1e6
      }
    }
    expect(name, 'no file with differing mtime formulas found').not.toBe('')
    const { item, temp: t } = entryFor(dir, name, 9)
    item.meta!.mtimeMs = walkMtimeMs // as the native walker reports it
    writeFileSync(t, 'x')
    const outcomes = commitGroup({
      kind: 'commit',
      entries: [{ id: 9, temp: t, dst: item.dst, replace: false, fresh: true, source: sourceIdentity(item) }],
    })
    expect(outcomes[0]).toMatchObject({ status: 'done', moved: true })
    expect(exists(item.src)).toBe(false)
  })

  it('keeps every source whose copy could not be committed', async () => {
    const dir = await temp.make('commit')
    mkdirSync(join(dir, 'src'))
    mkdirSync(join(dir, 'dst'))
    writeFileSync(join(dir, 'src', 'lost.txt'), 'lost')
    const lost = entryFor(dir, 'lost.txt', 3)
    // No temporary file: the flush fails, so the commit fails and the source must stay.
    const outcomes = commitGroup({
      kind: 'commit',
      entries: [
        {
          id: 3,
          temp: lost.temp,
          dst: lost.item.dst,
          replace: false,
          fresh: true,
          source: sourceIdentity(lost.item),
        },
      ],
    })
    expect(outcomes[0]?.status).toBe('failed')
    expect(exists(join(dir, 'src', 'lost.txt'))).toBe(true)
  })
})
