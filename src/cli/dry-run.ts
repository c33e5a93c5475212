/**
 * `--dry-run`: after the engine's pre-flight has accepted the job, walk the sources (read-only) to say what a real run
 * would copy: files, folders, symlinks, bytes, and how many targets already exist (where the conflict policy applies).
 */
import { constants } from 'node:fs'
import { access, lstat, opendir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { LimitChecker, PathFilter, PreflightResult } from '../engine'
import type { ErrorCode } from '../shared/job'
import type { CliConflictPolicy } from './parse-args'
import { formatBytes, groupDigits, plural } from './format'

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
  /** Left out by the filters (an excluded folder counts once): how many, and the first few (as the engine names them). */
  excluded: Sample
  /** What the destination's filesystem cannot hold, per code (`FILE_TOO_LARGE`, `NAME_NOT_ALLOWED`, …). */
  beyondLimits: Partial<Record<ErrorCode, Sample>>
}

/** A count and the first {@link SAMPLE} names. */
export interface Sample {
  count: number
  first: string[]
}

/** Names listed per kind of problem. */
const SAMPLE = 5

/** What the real run would apply while walking (the engine's `scopeFor`). */
export interface PlanScope {
  filter: PathFilter | undefined
  limits: LimitChecker
}

function note(sample: Sample, name: string): void {
  sample.count += 1
  if (sample.first.length < SAMPLE) sample.first.push(name)
}

/**
 * Exit code of a dry run: 1 when a real run would fail to write, or would fail files its destination cannot hold (so
 * scripts notice), else 0.
 */
export function dryRunExitCode(plan: CopyPlan): number {
  return plan.unwritable.length > 0 || Object.keys(plan.beyondLimits).length > 0 ? 1 : 0
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

/**
 * Counts what `roots` hold, one directory handle open at a time (memory grows with depth, not file count), leaving
 * out what the filters exclude (an excluded folder is not read) and noting what the destination cannot hold.
 */
export async function planCopy(roots: PreflightResult['roots'], scope?: PlanScope): Promise<CopyPlan> {
  const plan: CopyPlan = {
    roots,
    files: 0,
    folders: 0,
    symlinks: 0,
    bytes: 0,
    existing: 0,
    unreadable: [],
    unwritable: [],
    excluded: { count: 0, first: [] },
    beyondLimits: {},
  }
  /** False when the entry is left out or cannot be held (then noted); `root`: a source's own target. */
  const admit = (
    entry: {
      kind: 'file' | 'symlink' | 'directory'
      source: string
      target: string
      name: string
      rel: string
    },
    size: number,
    root = false,
  ): boolean => {
    if (!scope) return true
    const kind = entry.kind === 'directory' ? 'directory' : 'file'
    if (scope.filter && !(root && kind === 'directory') && scope.filter.excludes(entry.rel, kind)) {
      note(plan.excluded, entry.name)
      return false
    }
    const base = basename(entry.target)
    const problem = scope.limits.check(
      {
        kind: entry.kind,
        base,
        baseBytes: Buffer.byteLength(base),
        parent: dirname(entry.target),
        pathBytes: Buffer.byteLength(entry.target),
        source: entry.source,
        size,
      },
      root,
    )
    if (!problem) return true
    note((plan.beyondLimits[problem.code] ??= { count: 0, first: [] }), entry.name)
    return false
  }
  const checked = new Set<string>()
  for (const root of roots) {
    const place = dirname(root.target)
    if (checked.has(place)) continue
    checked.add(place)
    const problem = await whyUnwritable(root.kind === 'directory' ? root.target : place)
    if (problem && !plan.unwritable.some((p) => p.path === problem.path)) plan.unwritable.push(problem)
  }
  const pending: Array<{ source: string; target: string; name: string; rel: string }> = []
  for (const root of roots) {
    const name = basename(root.source)
    const size = root.kind === 'file' ? (await lstat(root.source)).size : 0
    if (!admit({ ...root, name, rel: name }, size, true)) continue
    if (root.kind === 'directory') {
      pending.push({ source: root.source, target: root.target, name, rel: '' })
      continue
    }
    if (root.kind === 'symlink') plan.symlinks += 1
    else {
      plan.files += 1
      plan.bytes += size
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
      const found = {
        source,
        target,
        name: `${dir.name}/${entry.name}`,
        rel: dir.rel ? `${dir.rel}/${entry.name}` : entry.name,
      }
      if (entry.isDirectory()) {
        if (admit({ ...found, kind: 'directory' }, 0)) pending.push(found)
        continue
      }
      if (entry.isSymbolicLink()) {
        if (!admit({ ...found, kind: 'symlink' }, 0)) continue
        plan.symlinks += 1
      } else if (entry.isFile()) {
        const size = (await lstat(source)).size
        if (!admit({ ...found, kind: 'file' }, size)) continue
        plan.files += 1
        plan.bytes += size
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

const LIMIT_KINDS: Partial<Record<ErrorCode, string>> = {
  FILE_TOO_LARGE: 'too large (FAT32 holds files up to 4 GiB − 1 byte)',
  NAME_NOT_ALLOWED: 'with names it does not allow',
  NAME_CLASH: 'with names differing from another only by case',
  NAME_TOO_LONG: 'with names or paths too long',
}

function listed(sample: Sample): string {
  const more = sample.count > sample.first.length ? ', …' : ''
  return `${sample.first.join(', ')}${more}`
}

/** The plan as text for stdout. */
export function planText(plan: CopyPlan, onConflict: CliConflictPolicy, move = false): string {
  const lines = ['Dry run: nothing was written.']
  for (const root of plan.roots) lines.push(`  ${root.source} → ${root.target} (${KIND[root.kind]})`)
  const what = [plural(plan.files, 'file'), plural(plan.folders, 'folder')]
  if (plan.symlinks > 0) what.push(plural(plan.symlinks, 'symlink'))
  lines.push(`Would ${move ? 'move' : 'copy'} ${what.join(', ')}: ${formatBytes(plan.bytes)}.`)
  if (move) {
    lines.push(
      'Each source file would be deleted once its copy is on the disk (renamed instead on the same filesystem); emptied source folders removed.',
    )
  }
  if (plan.existing > 0) {
    const verb = plan.existing === 1 ? 'exists' : 'exist'
    lines.push(
      `${plural(plan.existing, 'file')} already ${verb} at the destination (--on-conflict ${onConflict}).`,
    )
  }
  if (plan.excluded.count > 0) {
    lines.push(`Excluded by filters: ${groupDigits(plan.excluded.count)} (${listed(plan.excluded)}).`)
  }
  const kinds = Object.entries(plan.beyondLimits) as Array<[ErrorCode, Sample]>
  if (kinds.length > 0) {
    const where = plan.roots[0] ? dirname(plan.roots[0].target) : 'the destination'
    lines.push(`Would fail, because the destination's filesystem (at ${where}) cannot hold them:`)
    for (const [code, sample] of kinds) {
      lines.push(`  ${groupDigits(sample.count)} ${LIMIT_KINDS[code] ?? code} [${code}]: ${listed(sample)}`)
    }
  }
  for (const dir of plan.unreadable) lines.push(`Cannot read folder ${dir}: its contents would fail to copy.`)
  for (const { path, reason } of plan.unwritable) {
    lines.push(`Cannot write into ${path}: ${reason}; a real run would fail. Choose a writable destination.`)
  }
  return `${lines.join('\n')}\n`
}
