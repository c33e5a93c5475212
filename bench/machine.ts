/** What the benchmark ran on, for the report: the figures mean little without it. */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { bytes } from './format'

/** The machine, tools and code a report's figures came from. */
export interface MachineInfo {
  date: string
  cpu: string
  cores: number
  ram: string
  /** Filesystem type of the bench folder (sources and destinations share it). */
  filesystem: string
  kernel: string
  node: string
  cp: string
  rsync: string | undefined
  /** `git describe`-like commit of the code measured, `-dirty` when the tree had changes. */
  commit: string
  /** One-minute load average before the benchmark started and when it ended (its own load included). */
  load: { start: number; end: number }
}

/** First line of a command's output, or `undefined` when it cannot run. */
function firstLine(command: string, args: string[], cwd?: string): string | undefined {
  try {
    const out = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim()
  } catch {
    return undefined
  }
}

/** The filesystem type of `dir` (`df --output=fstype`, which says ext4 where `stat -f` says ext2/ext3). */
function filesystemOf(dir: string): string {
  try {
    const out = execFileSync('df', ['--output=fstype', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return out.trim().split('\n').pop()?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * Gathers {@link MachineInfo}; `benchDir` is where the data lives, `repoRoot` the code measured, `loadAtStart` the
 * one-minute load average taken before the first run.
 */
export function machineInfo(
  benchDir: string,
  repoRoot: string,
  rsyncPath: string | undefined,
  loadAtStart: number,
): MachineInfo {
  const cpuList = cpus()
  const commit = firstLine('git', ['rev-parse', '--short', 'HEAD'], repoRoot) ?? 'unknown'
  const dirty = firstLine('git', ['status', '--porcelain', '--untracked-files=no'], repoRoot) !== undefined
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpuList[0]?.model.trim() ?? 'unknown CPU',
    cores: cpuList.length,
    ram: bytes(totalmem()),
    filesystem: filesystemOf(benchDir),
    kernel: `Linux ${release()}`,
    node: process.version,
    cp: firstLine('cp', ['--version']) ?? 'cp (version unknown)',
    rsync: rsyncPath
      ? (firstLine(rsyncPath, ['--version'])
          ?.replace(/\s+protocol.*$/, '')
          .replace(/\s+/g, ' ') ?? 'rsync')
      : undefined,
    commit: dirty ? `${commit}-dirty` : commit,
    load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
  }
}
