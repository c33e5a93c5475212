/**
 * Resuming an interrupted copy (issue 13): the same command run again continues the job where it was cut (kill -9,
 * a crash, a power cut, Ctrl-C), through the engine's resume journal. The journal is kept in Ferry's state folder,
 * one file per job, named by a hash of what makes it the same job: the resolved sources and destination and the
 * options that change which files land where (move, filters). It is removed when a run ends with every file done.
 */
import { createHash } from 'node:crypto'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { JobOptions } from '../shared/job-options'

/**
 * Ferry's state folder: `$FERRY_STATE_DIR`, else `$XDG_STATE_HOME/ferry` or `~/.local/state/ferry` (Linux and
 * other Unix), `~/Library/Application Support/Ferry` (macOS), `%LOCALAPPDATA%\\Ferry` (Windows).
 */
export function stateDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (env.FERRY_STATE_DIR) return env.FERRY_STATE_DIR
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Ferry')
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Ferry')
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'ferry')
}

/** The journal file of `job`: the same sources, destination, move and filters give the same file. */
export function journalPath(job: JobOptions, env: Record<string, string | undefined>): string {
  const identity = JSON.stringify({
    sources: job.sources,
    destination: job.destination,
    move: job.move === true,
    exclude: job.exclude ?? [],
    include: job.include ?? [],
    excludeJunk: job.excludeJunk === true,
  })
  const key = createHash('sha256').update(identity).digest('hex').slice(0, 32)
  return join(stateDir(env), 'jobs', `${key}.jsonl`)
}

/** The line saying a run continues an interrupted one. */
export function resumeNotice(
  resumed: { startedAt: string; files: number; roots: Array<{ target: string }> },
  now = Date.now(),
): string {
  const when = new Date(resumed.startedAt)
  const age = Number.isNaN(when.getTime()) ? '' : ` (started ${ago(now - when.getTime())})`
  const into = resumed.roots.map((root) => root.target).join(', ')
  const files = resumed.files === 1 ? '1 file' : `${resumed.files} files`
  return `ferry: resuming an interrupted copy${age}: ${files} already done; continuing into ${into}\n`
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 120) return `${s} s ago`
  const m = Math.round(s / 60)
  if (m < 120) return `${m} min ago`
  const h = Math.round(m / 60)
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`
}
