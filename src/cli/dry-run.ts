/**
 * `--dry-run`: after the engine's pre-flight has accepted the job, its survey (src/engine/survey.ts) walks the sources
 * (read-only) to say what a real run would copy; this prints it.
 */
import { dirname } from 'node:path'
import { type CopyPlan, type PreflightResult, type Sample } from '../engine'
import type { ErrorCode } from '../shared/job'
import type { CliConflictPolicy } from './parse-args'
import { formatBytes, groupDigits, plural } from './format'

export { type CopyPlan, dryRunExitCode, planCopy, type PlanScope, type Sample } from '../engine'

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
