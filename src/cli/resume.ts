/**
 * Resuming an interrupted copy (issue 13): the same command run again continues the job where it was cut (kill -9,
 * a crash, a power cut, Ctrl-C), through the engine's resume journal. The journal is kept in Ferry's state folder,
 * one file per job, named by a hash of what makes it the same job: the resolved sources and destination and the
 * options that change which files land where (move, filters). It is removed when a run ends with every file done.
 */
import { join } from 'node:path'
import { journalFile, stateDir } from '../engine'
import type { JobOptions } from '../shared/job-options'

/** The journal file of `job` in Ferry's state folder (see the engine's `stateDir`). */
export function journalPath(job: JobOptions, env: Record<string, string | undefined>): string {
  return journalFile(join(stateDir(env), 'jobs'), job)
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
