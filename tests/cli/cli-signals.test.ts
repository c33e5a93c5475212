import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeTree, jsonLines, spawnFerry, type CliProcess } from '../helpers/cli'

const BIG_MIB = 256
let root: string
let src: string

/** Options that make the big file take seconds: 4 KiB chunks, so a signal surely lands mid-file. */
const SLOW = ['--chunk-size', '4KiB', '--jobs', '2']

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-cli-signals-'))
  src = join(root, 'src')
  await mkdir(src)
  const block = randomBytes(1 << 20)
  const big = await open(join(src, 'big.bin'), 'w')
  for (let i = 0; i < BIG_MIB; i++) await big.write(block)
  await big.close()
  for (let i = 0; i < 20; i++) await writeFile(join(src, `small-${i}.txt`), `small ${i}\n`)
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** True once a --json progress line shows big.bin partly copied. */
function bigFileMidway({ stdout }: { stdout: string }): boolean {
  return stdout.split('\n').some((line) => {
    if (!line.startsWith('{"type":"progress"')) return false
    const progress = (
      JSON.parse(line) as { progress: { inFlight: Array<{ name: string; bytesDone: number }> } }
    ).progress
    return progress.inFlight.some((file) => file.name.endsWith('big.bin') && file.bytesDone > 0)
  })
}

/** Every file left under dest is complete (same bytes as its source) and no temporary file remains. */
async function expectNoPartialFiles(dest: string): Promise<void> {
  const names = await readdir(dest).catch(() => [])
  expect(names.filter((name) => name.includes('.ferry-partial'))).toEqual([])
  const copied = await describeTree(dest).catch(() => ({}))
  const original = await describeTree(src)
  for (const [name, description] of Object.entries(copied)) expect(description).toBe(original[name])
}

async function startMidway(dest: string, extra: string[] = []): Promise<CliProcess> {
  const ferry = spawnFerry(['--json', ...SLOW, ...extra, src, dest])
  await ferry.waitFor(bigFileMidway)
  return ferry
}

describe('signals', () => {
  it('Ctrl-C cancels gracefully mid-file: exit 130, no partial file, finished files kept', async () => {
    const dest = join(root, 'cancel')
    const ferry = await startMidway(dest)
    const sentAt = performance.now()
    ferry.child.kill('SIGINT')
    const result = await ferry.exited
    const latencyMs = performance.now() - sentAt
    expect(result.code).toBe(130)
    const lines = jsonLines(result.stdout)
    expect(lines).toContainEqual(
      expect.objectContaining({ type: 'signal', signal: 'SIGINT', action: 'cancel' }),
    )
    const last = lines.at(-1) as {
      type: string
      exitCode: number
      summary: { state: string; filesDone: number }
    }
    expect(last).toMatchObject({ type: 'summary', exitCode: 130, summary: { state: 'cancelled' } })
    expect(result.stderr).toMatch(/cancelling/)
    await expectNoPartialFiles(dest)
    const names = await readdir(dest)
    expect(names).not.toContain('big.bin')
    expect(names.length).toBe(last.summary.filesDone)
    console.info(`cancel: SIGINT → exit in ${latencyMs.toFixed(0)} ms (4 KiB chunks, tsx entry)`)
  })

  it('a second Ctrl-C terminates at once: exit 130, no partial file', async () => {
    const dest = join(root, 'terminate')
    // One 256 MiB chunk: a graceful cancel would wait for the whole chunk, so the second Ctrl-C lands while it waits.
    // On the JS core: it moves that chunk through a buffer (hundreds of ms); the native core's in-kernel copy of it
    // can end before the first progress tick, leaving the signals nothing to interrupt (CI saw it finish first).
    const ferry = spawnFerry(['--json', '--chunk-size', '256MiB', '--jobs', '1', src, dest], {
      env: { FERRY_CORE: 'js' },
    })
    await ferry.waitFor(({ stdout }) => stdout.includes('big.bin'))
    ferry.child.kill('SIGINT')
    // Two signals sent back to back may merge into one (standard signals do not queue): press again once the first
    // was seen, as a person would.
    await ferry.waitFor(({ stdout }) => stdout.includes('"action":"cancel"'))
    ferry.child.kill('SIGINT')
    const result = await ferry.exited
    expect(result.code).toBe(130)
    const lines = jsonLines(result.stdout)
    expect(lines).toContainEqual(expect.objectContaining({ type: 'signal', action: 'terminate' }))
    expect(lines.at(-1)).toMatchObject({ type: 'summary', exitCode: 130, summary: { state: 'terminated' } })
    expect(result.stderr).toMatch(/stopping at once/)
    await expectNoPartialFiles(dest)
    expect(await readdir(dest)).not.toContain('big.bin')
  })

  it('SIGTERM terminates: exit 143, no partial file', async () => {
    const dest = join(root, 'sigterm')
    const ferry = await startMidway(dest)
    ferry.child.kill('SIGTERM')
    const result = await ferry.exited
    expect(result.code).toBe(143)
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({
      type: 'summary',
      summary: { state: 'terminated' },
    })
    await expectNoPartialFiles(dest)
  })

  it('without --json, Ctrl-C prints what happened and removes the partial file it interrupted', async () => {
    const dest = join(root, 'plain')
    const ferry = spawnFerry([...SLOW, src, dest])
    // Wait until the big file's temporary file exists: the copy is mid-file.
    for (let i = 0; i < 600; i++) {
      const names = await readdir(dest).catch(() => [] as string[])
      if (names.some((name) => name.includes('.ferry-partial'))) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    ferry.child.kill('SIGINT')
    const result = await ferry.exited
    expect(result.code).toBe(130)
    expect(result.stderr).toMatch(/ferry: cancelling/)
    expect(result.stdout).toMatch(/^Cancelled after .*: \d+ files? \(.*\) copied completely\./)
    // What was left is accounted for: files stopped mid-copy (the interrupted one, finished ones still waiting for
    // their commit group) and files not started — which of them depends on where the signal landed.
    expect(result.stdout).toMatch(/stopped mid-copy \(partial files removed\)|\d+ not started/)
    await expectNoPartialFiles(dest)
  })
})

describe('--jobs', () => {
  /** Threads of a process, from /proc. */
  async function threadCount(pid: number): Promise<number> {
    return (await readdir(`/proc/${pid}/task`)).length
  }

  it('runs as many copy threads as asked', async () => {
    const counts: number[] = []
    for (const jobs of ['1', '4']) {
      const ferry = await startMidway(join(root, `jobs-${jobs}`), ['--jobs', jobs])
      counts.push(await threadCount(ferry.child.pid as number))
      ferry.child.kill('SIGTERM')
      expect((await ferry.exited).code).toBe(143)
    }
    expect((counts[1] as number) - (counts[0] as number)).toBeGreaterThanOrEqual(3)
  })
})
