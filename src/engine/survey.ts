/**
 * A read-only survey of what a job would copy, before any byte moves: files, folders, symlinks, bytes, how many
 * targets already exist, what the filters leave out, what the destination's filesystem cannot hold, and folders that
 * cannot be read or written. The CLI's `--dry-run` prints it; the window's pre-flight dialog shows it.
 */
import { constants } from 'node:fs'
import { access, lstat, opendir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { PathFilter } from './filters'
import type { LimitChecker } from './fs-limits'
import type { PreflightResult } from './api'
import type { ErrorCode, JobOptions } from '../shared/job'
import { bytePath } from './lib/byte-path'
import { freeSpace } from './preflight'

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
  /** False when the survey stopped at its deadline: the counts are of what it saw by then. */
  complete: boolean
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
export async function planCopy(
  roots: PreflightResult['roots'],
  scope?: PlanScope,
  deadline = Number.POSITIVE_INFINITY,
): Promise<CopyPlan> {
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
    complete: true,
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
    // `deadline` (performance.now() ms): a huge tree is surveyed for so long, then the counts say "at least".
    if (performance.now() > deadline) {
      plan.complete = false
      break
    }
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

/** Folders listed by name in a survey for the window (the counts stay exact). */
const LISTED = 20

/** What the window's pre-flight dialog is told (a {@link CopyPlan} with free space, bounded for IPC). */
export interface Survey extends Omit<CopyPlan, 'unreadable'> {
  unreadable: Sample
  /** Free bytes where the copy goes, when known. */
  freeBytes: number | null
}

/** A survey of `options`' `roots` for at most `budgetMs`, with the destination's free space. */
export async function surveyJob(
  options: JobOptions,
  roots: PreflightResult['roots'],
  scope: PlanScope,
  budgetMs: number,
): Promise<Survey> {
  const plan = await planCopy(roots, scope, performance.now() + budgetMs)
  return {
    ...plan,
    unreadable: { count: plan.unreadable.length, first: plan.unreadable.slice(0, LISTED) },
    unwritable: plan.unwritable.slice(0, LISTED),
    freeBytes: freeSpace(bytePath(options.destination)) ?? null,
  }
}
