/**
 * `--dry-run`: after the engine's pre-flight has accepted the job, walk the sources (read-only) to say what a real run
 * would copy: files, folders, symlinks, bytes, and how many targets already exist (where the conflict policy applies).
 */
import { lstat, opendir } from 'node:fs/promises'
import { join } from 'node:path'
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
  const plan: CopyPlan = { roots, files: 0, folders: 0, symlinks: 0, bytes: 0, existing: 0, unreadable: [] }
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
  return `${lines.join('\n')}\n`
}
