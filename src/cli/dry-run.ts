/**
 * `--dry-run`: after the engine's pre-flight has accepted the job, walk the sources (read-only) to say what a real run
 * would copy: files, folders, symlinks, bytes, and how many targets already exist (where the conflict policy applies).
 */
import { constants } from 'node:fs'
import { access, lstat, opendir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { PreflightResult } from '../engine'
import type { CliConflictPolicy } from './parse-args'
import { formatBytes, plural } from './format'

/** What a run would do, counted. */
export interface CopyPlan {
  roots: PreflightResult['roots']
  files: number
  folders: number
  symlinks: number
  bytes: number
  /** Files and symlinks whose target path already exists (the conflict policy decides what happens to them). */
  existing: number
  /** Folders that could not be read (a real run would report their files as failures). */
  unreadable: string[]
  /** Destinations a real run could not write into: the nearest existing folder and why (read-only, permission). */
  unwritable: Array<{ path: string; reason: string }>
}

/** Exit code of a dry run: 1 when a real run would fail to write (so scripts notice), else 0. */
export function dryRunExitCode(plan: CopyPlan): number {
  return plan.unwritable.length > 0 ? 1 : 0
}

/**
 * Why the nearest existing folder above `target` (or `target` itself) cannot be written, or undefined. `access(W_OK)`
 * reports a read-only mount (EROFS) even to root, and missing write permission to others.
 */
async function whyUnwritable(target: string): Promise<{ path: string; reason: string } | undefined> {
  for (let dir = target; ; dir = dirname(dir)) {
    const st = await stat(dir).catch(() => undefined)
    if (st?.isDirectory()) {
      const code = await access(dir, constants.W_OK).then(
        () => undefined,
        (error: NodeJS.ErrnoException) => error.code ?? 'EACCES',
      )
      if (code === undefined) return undefined
      const reason = code === 'EROFS' ? 'it is on a read-only filesystem' : 'permission denied'
      return { path: dir, reason }
    }
    if (dirname(dir) === dir) return undefined
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/** Counts what `roots` hold, one directory handle open at a time (memory grows with depth, not file count). */
export async function planCopy(roots: PreflightResult['roots']): Promise<CopyPlan> {
  const plan: CopyPlan = {
    roots,
    files: 0,
    folders: 0,
    symlinks: 0,
    bytes: 0,
    existing: 0,
    unreadable: [],
    unwritable: [],
  }
  const checked = new Set<string>()
  for (const root of roots) {
    const place = dirname(root.target)
    if (checked.has(place)) continue
    checked.add(place)
    const problem = await whyUnwritable(root.kind === 'directory' ? root.target : place)
    if (problem && !plan.unwritable.some((p) => p.path === problem.path)) plan.unwritable.push(problem)
  }
  const pending: Array<{ source: string; target: string }> = []
  for (const root of roots) {
    if (root.kind === 'directory') {
      pending.push({ source: root.source, target: root.target })
      continue
    }
    if (root.kind === 'symlink') plan.symlinks += 1
    else {
      plan.files += 1
      plan.bytes += (await lstat(root.source)).size
    }
    if (await exists(root.target)) plan.existing += 1
  }
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    plan.folders += 1
    let handle
    try {
      handle = await opendir(dir.source)
    } catch {
      plan.unreadable.push(dir.source)
      continue
    }
    for await (const entry of handle) {
      const source = join(dir.source, entry.name)
      const target = join(dir.target, entry.name)
      if (entry.isDirectory()) {
        pending.push({ source, target })
        continue
      }
      if (entry.isSymbolicLink()) plan.symlinks += 1
      else if (entry.isFile()) {
        plan.files += 1
        plan.bytes += (await lstat(source)).size
      } else continue // sockets, FIFOs, devices: the engine does not copy them either
      if (await exists(target)) plan.existing += 1
    }
  }
  return plan
}

const KIND: Record<PreflightResult['roots'][number]['kind'], string> = {
  file: 'file',
  directory: 'folder',
  symlink: 'symlink',
}

/** The plan as text for stdout. */
export function planText(plan: CopyPlan, onConflict: CliConflictPolicy): string {
  const lines = ['Dry run: nothing was written.']
  for (const root of plan.roots) lines.push(`  ${root.source} → ${root.target} (${KIND[root.kind]})`)
  const what = [plural(plan.files, 'file'), plural(plan.folders, 'folder')]
  if (plan.symlinks > 0) what.push(plural(plan.symlinks, 'symlink'))
  lines.push(`Would copy ${what.join(', ')}: ${formatBytes(plan.bytes)}.`)
  if (plan.existing > 0) {
    const verb = plan.existing === 1 ? 'exists' : 'exist'
    lines.push(
      `${plural(plan.existing, 'file')} already ${verb} at the destination (--on-conflict ${onConflict}).`,
    )
  }
  for (const dir of plan.unreadable) lines.push(`Cannot read folder ${dir}: its contents would fail to copy.`)
  for (const { path, reason } of plan.unwritable) {
    lines.push(`Cannot write into ${path}: ${reason}; a real run would fail. Choose a writable destination.`)
  }
  return `${lines.join('\n')}\n`
}
