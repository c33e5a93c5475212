import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { FerryErrorData, FileResult, JobOptions, JobSummary } from '../../src/shared/job'

const run = promisify(execFile)

/** The repository root: the child resolves `tsx` and the engine from here. */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = fileURLToPath(new URL('./unprivileged-copy.ts', import.meta.url))

/** The numeric ids of `nobody`/`nogroup` on Debian, for chown-ing folders the unprivileged job must write. */
export const NOBODY_UID = 65534
export const NOGROUP_GID = 65534

/** Why privileges cannot be dropped here, or undefined when they can (root with `setpriv`). */
export function cannotDropPrivileges(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root: cannot switch to the user nobody'
  return undefined
}

/** What the unprivileged job printed: its summary and file results, or the error that refused it. */
export type UnprivilegedOutcome =
  { ok: true; summary: JobSummary; results: FileResult[] } | { ok: false; error: FerryErrorData }

/**
 * Runs one copy job with the real engine in a child process as `nobody:nogroup` with no supplementary groups, so
 * mode bits apply (root ignores them). Rejects if the child crashes or prints no outcome.
 */
export async function copyAsNobody(options: JobOptions): Promise<UnprivilegedOutcome> {
  const { stdout } = await run(
    'setpriv',
    ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, '--import', 'tsx', SCRIPT],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, HOME: '/tmp', FERRY_TEST_JOB: JSON.stringify(options) },
      timeout: 60_000,
      maxBuffer: 64 << 20,
    },
  )
  const line = stdout.split('\n').find((text) => text.startsWith('FERRY_OUTCOME '))
  if (!line) throw new Error(`the unprivileged job printed no outcome:\n${stdout}`)
  return JSON.parse(line.slice('FERRY_OUTCOME '.length)) as UnprivilegedOutcome
}
