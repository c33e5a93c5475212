/**
 * kill -9: the built CLI copies a seeded tree (300 files of 4–200 KiB and 3 of 1–4 MiB) into an existing folder and
 * is SIGKILLed at a random moment while it writes (between its first file written and its expected end); then the same command runs again. Asserts that no final name ever holds a
 * partial file (after the kill and after the rerun), and that after the rerun every file is present and intact,
 * whatever the rerun's exit code. Temp names (`.ferry-partial-…`) left after the rerun are reported, not asserted.
 * Runs anywhere (a temp folder; a tmpfs when root). Needs `npm run build` (out/main/cli.js). The seed is printed;
 * set FERRY_DURABILITY_SEED to replay a run.
 */
import fs from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { cleanupImages, tmpfs, whyNoImages } from '../helpers/fs-images'
import {
  checkTree,
  countFinals,
  describeCheck,
  exitWithin,
  firstFinalName,
  makeSeededTree,
  rng,
  sleep,
  snapshotCli,
  spawnCli,
  type SeededTree,
} from './durability-helpers'

const SEED = Number(process.env.FERRY_DURABILITY_SEED ?? Math.floor(Math.random() * 1e9))
const random = rng(SEED ^ 0x9)
const KILLS = 5

let base = ''
let source: SeededTree | undefined
let cli: string | undefined

beforeAll(async () => {
  base = whyNoImages('tmpfs')
    ? fs.mkdtempSync(join(os.tmpdir(), 'ferry-kill9-'))
    : (await tmpfs(512 << 20)).dir
  cli = snapshotCli(join(base, 'ferry'))
  fs.mkdirSync(join(base, 'src'))
  source = makeSeededTree(join(base, 'src'), SEED)
  console.log(`kill-9: seed ${SEED} (FERRY_DURABILITY_SEED), ${source.files.size} files in ${base}`)
}, 120_000)

afterAll(async () => {
  if (whyNoImages('tmpfs')) fs.rmSync(base, { recursive: true, force: true })
  const problems = await cleanupImages()
  if (problems.length) console.error(`kill-9 cleanup: ${problems.join('; ')}`)
})

it('after kill -9 at a random moment and a rerun, no final name is partial and every file is intact', async ({
  skip,
}) => {
  if (!cli) return skip('out/main/cli.js is missing: run npm run build first')
  const tree = source as SeededTree
  const total = tree.files.size
  const calibrationDir = join(base, 'calibration')
  fs.mkdirSync(calibrationDir)
  // Time one copy from its first file written to its exit, so the kills land while files are written and renamed.
  const calibration = spawnCli(cli, [tree.root, calibrationDir])
  const firstAt = await firstFinalName(join(calibrationDir, 'src'), calibration)
  expect((await exitWithin(calibration, 60_000)).code, calibration.output()).toBe(0)
  const activeMs = Math.max(20, performance.now() - firstAt)
  fs.rmSync(calibrationDir, { recursive: true, force: true })

  const afterKill: string[] = []
  const afterRerun: string[] = []
  for (let i = 0; i < KILLS; i++) {
    // An existing folder receives the source inside it, so the rerun is the very same command.
    const destParent = join(base, `dst-${i}`)
    fs.mkdirSync(destParent)
    const dest = join(destParent, 'src')
    // Half the kills after a random delay from the first file written, half once a random number of final names
    // exist (a tmpfs copy writes them in a burst shorter than the delays).
    const delay = i % 2 ? Math.round(activeMs * 0.9 * random()) : 0
    const threshold = 1 + Math.floor(random() * (total - 20))
    const first = spawnCli(cli, [tree.root, destParent])
    await firstFinalName(dest, first)
    if (i % 2) await sleep(delay)
    else {
      let exited = false
      void first.exited.then(() => (exited = true))
      while (!exited && countFinals(dest) < threshold) await sleep(0)
    }
    const finalsAtKill = countFinals(dest)
    first.child.kill('SIGKILL')
    const killed = await exitWithin(first, 15_000)
    const cut = checkTree(dest, tree)
    const label = `kill ${i + 1} ${i % 2 ? `${delay} ms after the first file written` : `at ≥ ${threshold} final names`} (${finalsAtKill} final names then; writing takes ~${Math.round(activeMs)} ms; ${killed.signal === 'SIGKILL' ? 'killed' : `had exited ${killed.code}`})`
    console.log(`kill-9 ${label}: ${describeCheck(cut, total)}`)
    afterKill.push(...cut.wrong.map((w) => `${label}: ${w}`))

    const rerun = spawnCli(cli, [tree.root, destParent])
    const end = await exitWithin(rerun, 60_000)
    const after = checkTree(dest, tree)
    console.log(
      `kill-9 ${label}, rerun exit ${end.code ?? end.signal}: ${describeCheck(after, total)}` +
        (after.partials.length ? `; leftovers: ${after.partials.join(', ')}` : '; no leftovers'),
    )
    if (after.intact !== total || after.wrong.length)
      afterRerun.push(`${label}, rerun exit ${end.code}: ${describeCheck(after, total)}`)
    fs.rmSync(destParent, { recursive: true, force: true })
  }
  expect.soft(afterKill, `final names holding partial files after kill -9 (seed ${SEED})`).toEqual([])
  expect(afterRerun, `files not intact after the rerun (seed ${SEED})`).toEqual([])
}, 90_000)
