/**
 * Resume after an interrupted run (issue 13): the same command run again continues into the same destination (not
 * a second copy at D/S by cp -r rules), skips what the cut run finished and copies the rest, byte for byte.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { describeTree, jsonLines, listTree, runFerry, spawnFerry } from '../helpers/cli'
import { seededBytes } from '../helpers/pattern-file'
import { writeTree } from '../helpers/tree'

let root: string
let src: string
let state: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-resume-'))
  src = join(root, 'album')
  // Tasks of up to 256 small files: a commit group (and so the journal) sees files finish after the first task.
  const files: Record<string, Buffer> = {}
  for (let i = 0; i < 600; i++) files[`f${String(i).padStart(3, '0')}.bin`] = seededBytes(16 * 1024, i)
  await writeTree(src, { files, 'last.bin': seededBytes(1 << 20, 99) })
})

// Each test has its own state folder (its own journals).
let tests = 0
beforeEach(() => {
  state = join(root, `state-${++tests}`)
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const env = (): Record<string, string> => ({ FERRY_STATE_DIR: state })

function journals(): string[] {
  try {
    return readdirSync(join(state, 'jobs')).map((name) => join(state, 'jobs', name))
  } catch {
    return []
  }
}

/** Records (finished files) in the only journal. */
function recorded(): string[] {
  const [journal] = journals()
  if (!journal) return []
  return readFileSync(journal, 'utf8').split('\n').slice(1).filter(Boolean)
}

/** Starts a slowed copy into a missing `dest` and kills it with SIGKILL once the journal lists `atLeast` files. */
async function interrupted(dest: string, extra: string[] = [], atLeast = 3): Promise<void> {
  const run = spawnFerry(['--bwlimit', '2MiB/s', ...extra, src, dest], { env: env() })
  const deadline = Date.now() + 30_000
  while (recorded().length < atLeast && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  run.child.kill('SIGKILL')
  const end = await run.exited
  expect(end.signal, `the run ended before it could be cut: ${end.stderr}`).toBe('SIGKILL')
  expect(recorded().length).toBeGreaterThanOrEqual(atLeast)
}

describe('resume', () => {
  it('continues a killed copy into the same folder, skipping finished files; the journal goes at the end', async () => {
    const dest = join(root, 'copy-1')
    await interrupted(dest)
    const [journal] = journals()
    expect(journals()).toHaveLength(1)
    expect(statSync(journal!).mode & 0o777).toBe(0o600)
    expect(statSync(join(state, 'jobs')).mode & 0o777).toBe(0o700)
    const done = recorded().length

    const again = await runFerry(['--json', src, dest], { env: env() })
    expect(again.code, again.stderr).toBe(0)
    const events = jsonLines(again.stdout)
    const started = events.find((e) => e.type === 'started') as {
      runtime?: { resumed?: { files: number; roots: Array<{ target: string }> } }
    }
    expect(started.runtime?.resumed?.files).toBe(done)
    expect(started.runtime?.resumed?.roots.map((r) => r.target)).toEqual([dest])
    // cp -r rules would have put this run's copy at copy-1/album: the journal kept it in copy-1.
    expect(await describeTree(dest)).toEqual(await describeTree(src))
    expect((await listTree(dest)).filter((p) => p.includes('.ferry-partial'))).toEqual([])
    const summary = events.find((e) => e.type === 'summary') as {
      summary?: { filesSkipped: number }
    } & Record<string, unknown>
    expect(JSON.stringify(summary)).toMatch(/"filesSkipped":\s*(\d+)/)
    expect(Number(/"filesSkipped":\s*(\d+)/.exec(JSON.stringify(summary))![1])).toBeGreaterThanOrEqual(done)
    expect(journals()).toEqual([])
  })

  it('says so on stderr, and copies again a finished file whose source changed since (--on-conflict newer)', async () => {
    const dest = join(root, 'copy-2')
    await interrupted(dest, ['--on-conflict', 'newer'])
    const first = JSON.parse(recorded()[0]!) as [string]
    const name = relative(dest, first[0])
    const changed = join(src, name)
    const before = await stat(changed)
    await writeFile(changed, seededBytes(before.size, 12345))
    const later = new Date(before.mtimeMs + 60_000)
    await utimes(changed, later, later)

    const again = await runFerry(['--on-conflict', 'newer', src, dest], { env: env() })
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(
      /ferry: resuming an interrupted copy \(started \d+ s ago\): \d+ files? already done; continuing into .*copy-2/,
    )
    expect(await describeTree(dest)).toEqual(await describeTree(src))
    expect(readFileSync(join(dest, name)).equals(seededBytes(before.size, 12345))).toBe(true)
  })

  it('--no-resume starts over by cp -r rules; --resume without an interrupted run is refused', async () => {
    const dest = join(root, 'copy-3')
    await interrupted(dest)
    const over = await runFerry(['--no-resume', src, dest], { env: env() })
    expect(over.code, over.stderr).toBe(0)
    expect(over.stderr).not.toMatch(/resuming/)
    // dest exists now: cp -r rules put the fresh copy inside it.
    expect(await describeTree(join(dest, 'album'))).toEqual(await describeTree(src))
    expect(journals()).toEqual([])

    const none = await runFerry(['--resume', src, join(root, 'copy-4')], { env: env() })
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/Nothing to resume: no interrupted run of this command was found/)
  })
})
