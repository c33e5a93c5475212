/**
 * Power cuts (issue 11): the built CLI copies a seeded tree (300 files of 4–200 KiB and 3 of 1–4 MiB, every hash
 * known) onto a loop-mounted ext4 image and a loop-mounted XFS image, and the filesystem is shut down
 * (`xfs_io -x -c shutdown`: whatever is not on the image yet is lost) at a random moment during the copy (between
 * the first file written, temp or final, and the copy's expected end), or right
 * after the CLI exited 0 (at once, and 6 s later: after ext4's journal commit). After the remount:
 * - no final name holds a partial or zero-length file: every file under its final name has exactly its expected
 *   hash (temp names `.ferry-partial-…` may remain; they are listed);
 * - after the CLI exited 0, every file is present and intact ("done" means on the disk).
 * Root only (loop mounts), and needs xfsprogs; skipped with the reason otherwise. The seed is printed; set
 * FERRY_DURABILITY_SEED to replay a run. Needs `npm run build` (out/main/cli.js).
 */
import fs from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupImages, makeImage, shutdown, tmpfs, whyNoImages, type FsImage } from '../helpers/fs-images'
import {
  checkTree,
  describeCheck,
  exitWithin,
  countFinals,
  firstFinalName,
  makeSeededTree,
  rng,
  sleep,
  snapshotCli,
  spawnCli,
  type SeededTree,
  type TreeCheck,
} from './durability-helpers'

const SEED = Number(process.env.FERRY_DURABILITY_SEED ?? Math.floor(Math.random() * 1e9))
const random = rng(SEED ^ 0x5eed)
/** Cuts per filesystem during the copy, and right after exit 0. */
const DURING = 3
/** Delays after exit 0 before the cut: at once (twice), and after ext4's 5 s journal commit (the issue's case). */
const AFTER_MS = [0, 0, 6_000]
const KINDS = ['ext4', 'xfs'] as const

let source: SeededTree | undefined
let cli: string | undefined
let why: string | undefined
const images = new Map<(typeof KINDS)[number], FsImage | string>()

beforeAll(async () => {
  why = whyNoImages('tmpfs')
  if (why) return
  const scratch = await tmpfs(256 << 20)
  cli = snapshotCli(join(scratch.dir, 'ferry'))
  if (!cli) {
    why = 'out/main/cli.js is missing: run npm run build first'
    return
  }
  fs.mkdirSync(join(scratch.dir, 'src'))
  source = makeSeededTree(join(scratch.dir, 'src'), SEED)
  console.log(
    `power-cut: seed ${SEED} (FERRY_DURABILITY_SEED), ${source.files.size} files, ${(source.bytes / 2 ** 20).toFixed(1)} MiB`,
  )
  for (const kind of KINDS) {
    const reason = whyNoImages(kind)
    images.set(kind, reason ?? (await makeImage(kind, 1 << 30)))
  }
}, 120_000)

afterAll(async () => {
  const problems = await cleanupImages()
  if (problems.length) console.error(`power-cut cleanup: ${problems.join('; ')}`)
})

/** The mounted image for `kind`, or a reason to skip. */
function imageFor(kind: (typeof KINDS)[number]): FsImage | string {
  if (why) return why
  return images.get(kind) ?? 'not set up'
}

/** One cut: what the CLI had done by then and what survived. */
interface Cut {
  label: string
  check: TreeCheck
}

function report(kind: string, cuts: Cut[], total: number): void {
  for (const cut of cuts) console.log(`power-cut ${kind} ${cut.label}: ${describeCheck(cut.check, total)}`)
}

describe.each(KINDS)('power cut on %s (loop image)', (kind) => {
  it('during the copy, every final name holds its complete file or nothing', async ({ skip }) => {
    const image = imageFor(kind)
    if (typeof image === 'string') return skip(image)
    const tree = source as SeededTree
    // Time one untouched copy from its first file written to its exit (the start-up before it writes nothing), so
    // the cuts land while files are being written and renamed.
    const calibration = spawnCli(cli as string, [tree.root, join(image.dir, 'calibration')])
    const first = await firstFinalName(join(image.dir, 'calibration'), calibration)
    expect((await exitWithin(calibration, 60_000)).code, calibration.output()).toBe(0)
    const activeMs = Math.max(20, performance.now() - first)
    fs.rmSync(join(image.dir, 'calibration'), { recursive: true, force: true })
    const cuts: Cut[] = []
    for (let i = 0; i < DURING; i++) {
      const dest = join(image.dir, `during-${i}`)
      const delay = Math.round(activeMs * 0.9 * random())
      const run = spawnCli(cli as string, [tree.root, dest])
      let exitedBeforeCut = false
      void run.exited.then(() => (exitedBeforeCut = true))
      await firstFinalName(dest, run)
      await sleep(delay)
      const wasDone = exitedBeforeCut
      const finalsAtCut = countFinals(dest)
      await shutdown(image.dir, async () => void (await exitWithin(run, 15_000)))
      const end = await run.exited
      const check = checkTree(dest, tree)
      cuts.push({
        label: `cut ${delay} ms after the first file written (${finalsAtCut} final names then; writing takes ~${Math.round(activeMs)} ms; CLI ${wasDone ? 'had exited' : `was running, then exit ${end.code ?? end.signal}`})`,
        check,
      })
      fs.rmSync(dest, { recursive: true, force: true })
    }
    report(kind, cuts, tree.files.size)
    const wrong = cuts.flatMap((cut) => cut.check.wrong.map((w) => `${cut.label}: ${w}`))
    expect(wrong, `final names holding partial or zero-length files (seed ${SEED})`).toEqual([])
  }, 60_000)

  it('after the CLI exited 0, every file is on the disk and intact', async ({ skip }) => {
    const image = imageFor(kind)
    if (typeof image === 'string') return skip(image)
    const tree = source as SeededTree
    const cuts: Cut[] = []
    for (const [i, wait] of AFTER_MS.entries()) {
      const dest = join(image.dir, `after-${i}`)
      const run = spawnCli(cli as string, [tree.root, dest])
      const end = await exitWithin(run, 60_000)
      expect(end.code, run.output()).toBe(0)
      const summary = run.output().trim().split('\n').pop() ?? ''
      // The power goes the moment the CLI says it is done (or a few seconds later).
      await sleep(wait)
      await shutdown(image.dir)
      const when = wait ? `${wait / 1000} s after exit 0` : 'right after exit 0'
      cuts.push({ label: `cut ${when} ("${summary}")`, check: checkTree(dest, tree) })
      fs.rmSync(dest, { recursive: true, force: true })
    }
    report(kind, cuts, tree.files.size)
    const total = tree.files.size
    expect
      .soft(
        cuts.filter((c) => c.check.wrong.length).map((c) => `${c.label}: ${describeCheck(c.check, total)}`),
        `final names holding partial or zero-length files after exit 0 (seed ${SEED})`,
      )
      .toEqual([])
    expect(
      cuts.filter((c) => c.check.intact !== total).map((c) => `${c.label}: ${describeCheck(c.check, total)}`),
      `files not on the disk intact after the CLI exited 0 (seed ${SEED})`,
    ).toEqual([])
  }, 60_000)
})
