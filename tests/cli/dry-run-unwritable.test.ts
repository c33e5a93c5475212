import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { dryRunExitCode, planCopy, planText } from '../../src/cli/dry-run'

// `--dry-run` onto a read-only mount must say a real run would fail (and exit non-zero), not promise a copy.

const run = promisify(execFile)
const cleanup: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined)
})

describe('dry run onto a read-only destination', () => {
  it('says the copy would fail and asks for a non-zero exit', async (ctx) => {
    const ro = await mkdtemp(join(tmpdir(), 'ferry-dry-ro-'))
    cleanup.push(() => rm(ro, { recursive: true, force: true }))
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro])
    } catch (error) {
      return ctx.skip(`cannot mount a read-only tmpfs (needs root): ${String(error)}`)
    }
    cleanup.push(() => run('umount', ['-l', ro]))

    const plan = await planCopy([
      { source: '/etc/hostname', target: join(ro, 'sub', 'hostname'), kind: 'file' },
    ])

    expect(plan.unwritable).toEqual([{ path: ro, reason: 'it is on a read-only filesystem' }])
    expect(dryRunExitCode(plan)).toBe(1)
    expect(planText(plan, 'skip')).toContain('a real run would fail')
  })

  it('keeps exit 0 for a writable destination', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ferry-dry-rw-'))
    cleanup.push(() => rm(dir, { recursive: true, force: true }))
    const plan = await planCopy([{ source: '/etc/hostname', target: join(dir, 'hostname'), kind: 'file' }])
    expect(plan.unwritable).toEqual([])
    expect(dryRunExitCode(plan)).toBe(0)
  })
})
