/**
 * `ferry --move` in real processes: the files arrive hash-identical and the sources are gone ("Moved N files");
 * `--dry-run --move` says it would move and touches nothing; and kill -9 at random moments of a move — across
 * filesystems (a tmpfs destination; needs root to mount it) and on one filesystem — leaves every file complete at
 * the source or at its final destination name, never neither (Ferry's temp names are ignored). The seed is printed;
 * set FERRY_MOVE_SEED to replay a run.
 */
import fs from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runFerry, spawnFerry } from '../helpers/cli'
import { mountTmpfs, type TmpfsMount } from '../helpers/tmpfs'
import {
  checkTree,
  countFinals,
  makeSeededTree,
  PARTIAL,
  rng,
  sha256,
  sleep,
  type SeededTree,
} from '../durability/durability-helpers'

const SEED = Number(process.env.FERRY_MOVE_SEED ?? Math.floor(Math.random() * 1e9))
let root = ''
let mount: TmpfsMount | undefined

beforeAll(async () => {
  root = await mkdtemp(join(os.tmpdir(), 'ferry-cli-move-'))
  fs.mkdirSync(join(root, 'other'))
  mount = await mountTmpfs(join(root, 'other'), 256 << 20)
})

afterAll(async () => {
  if (mount?.ok) await mount.unmount()
  await rm(root, { recursive: true, force: true })
})

/** What is wrong with `file` at `path`: undefined when it holds exactly the expected bytes, 'absent' when missing. */
function state(path: string, want: { hash: string }): 'intact' | 'absent' | 'wrong' {
  let data: Buffer
  try {
    data = fs.readFileSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent'
    throw error
  }
  return sha256(data) === want.hash ? 'intact' : 'wrong'
}

/** Every file of `tree`, after a cut move from `src` to `dest`: lost ones (neither place) and damaged ones. */
function audit(
  tree: SeededTree,
  src: string,
  dest: string,
): { lost: string[]; damaged: string[]; moved: number } {
  const lost: string[] = []
  const damaged: string[] = []
  let moved = 0
  for (const [rel, want] of tree.files) {
    const atSource = state(join(src, rel), want)
    const atDest = state(join(dest, rel), want)
    if (atSource === 'wrong') damaged.push(`${rel} at the source`)
    if (atDest === 'wrong') damaged.push(`${rel} at the destination`)
    if (atSource !== 'intact' && atDest !== 'intact') lost.push(rel)
    if (atSource === 'absent' && atDest === 'intact') moved++
  }
  return { lost, damaged, moved }
}

describe('ferry --move', () => {
  it('moves a tree: hash-identical at the destination, the sources and their folders gone', async () => {
    const src = join(root, 'plain-src')
    const tree = makeSeededTree(src, SEED, 40, 1)
    const dest = join(root, 'plain-dst')
    const result = await runFerry(['--move', src, dest])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout + result.stderr).toContain(`Moved ${tree.files.size} files`)
    const check = checkTree(dest, tree)
    expect(check.intact).toBe(tree.files.size)
    expect(check.partials).toEqual([])
    expect(fs.existsSync(src)).toBe(false)
  }, 60_000)

  it('--dry-run says it would move and changes nothing', async () => {
    const src = join(root, 'dry-src')
    const tree = makeSeededTree(src, SEED, 5, 0)
    const dest = join(root, 'dry-dst')
    const result = await runFerry(['--move', '--dry-run', src, dest])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain(`Would move ${tree.files.size} files`)
    expect(fs.existsSync(dest)).toBe(false)
    expect(checkTree(src, tree).intact).toBe(tree.files.size)
  }, 60_000)
})

/** Waits until the CLI has written any name under `dir` (a temp or final one) or has exited; returns when. */
async function firstWrite(dir: string, run: ReturnType<typeof spawnFerry>): Promise<number> {
  let exited = false
  void run.exited.then(() => (exited = true))
  while (!exited && countFinals(dir, true) === 0) await sleep(1)
  return performance.now()
}

describe('kill -9 during ferry --move', () => {
  const KILLS = 5

  async function killRuns(label: string, destParent: string): Promise<void> {
    const random = rng(SEED ^ label.length)
    // Calibrate: how long a whole move takes from spawn to exit (tsx start-up included).
    const calSrc = join(root, `${label}-cal-src`)
    const calTree = makeSeededTree(calSrc, SEED, 300, 3)
    const calDest = join(destParent, `${label}-cal`)
    const calRun = spawnFerry(['--move', calSrc, calDest])
    const firstAt = await firstWrite(calDest, calRun)
    const cal = await calRun.exited
    const activeMs = Math.max(20, performance.now() - firstAt)
    expect(cal.code, cal.stderr).toBe(0)
    expect(checkTree(calDest, calTree).intact).toBe(calTree.files.size)
    fs.rmSync(calDest, { recursive: true, force: true })

    const problems: string[] = []
    for (let i = 0; i < KILLS; i++) {
      const src = join(root, `${label}-src-${i}`)
      const tree = makeSeededTree(src, SEED, 300, 3)
      const total = tree.files.size
      const dest = join(destParent, `${label}-dst-${i}`)
      const run = spawnFerry(['--move', src, dest])
      let exited = false
      void run.exited.then(() => (exited = true))
      // Odd kills: a random moment from the first name written at the destination to the expected end; even kills:
      // once a random number of sources are deleted (the moment a move can lose a file, if it ever deletes before
      // the copy is durable).
      let moment: string
      if (i % 2) {
        await firstWrite(dest, run)
        const delay = Math.round(activeMs * random())
        await sleep(delay)
        moment = `${delay} ms after the first name written (the work takes ~${Math.round(activeMs)} ms)`
      } else {
        const gone = 1 + Math.floor(random() * (total - 2))
        while (!exited && countFinals(src) > total - gone) await sleep(0)
        moment = `once ≥ ${gone} of ${total} sources were deleted`
      }
      run.child.kill('SIGKILL')
      const end = await run.exited
      const { lost, damaged, moved } = audit(tree, src, dest)
      const leftovers = countFinals(dest, true) - countFinals(dest)
      console.log(
        `move kill-9 ${label} #${i + 1} ${moment}: ${end.signal === 'SIGKILL' ? 'killed' : `had exited ${end.code}`}, ` +
          `${moved}/${total} moved, ${lost.length} lost, ${damaged.length} damaged, ${leftovers} temp names (${PARTIAL}…)`,
      )
      if (lost.length) problems.push(`${label} #${i + 1} ${moment}: lost ${lost.slice(0, 5).join(', ')}`)
      if (damaged.length)
        problems.push(`${label} #${i + 1} ${moment}: damaged ${damaged.slice(0, 5).join(', ')}`)
      fs.rmSync(src, { recursive: true, force: true })
      fs.rmSync(dest, { recursive: true, force: true })
    }
    expect(problems, `seed ${SEED} (FERRY_MOVE_SEED)`).toEqual([])
  }

  it('across filesystems: every file complete at the source or the destination, never neither', async ({
    skip,
  }) => {
    if (!mount?.ok) return skip(mount?.reason ?? 'no tmpfs')
    await killRuns('cross', join(root, 'other'))
  }, 240_000)

  it('on one filesystem (renames): every file complete at the source or the destination, never neither', async () => {
    await killRuns('same', root)
  }, 240_000)
})
