/**
 * Filesystems the benchmark mounts itself (root only): a tmpfs, and XFS or ext4 on a loop-mounted sparse image.
 * Every mount is recorded so that {@link unmountAll} (called in `finally` and on SIGINT/SIGTERM) leaves nothing
 * mounted and no loop device attached, whatever happened.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findOnPath } from './tools'

/** A mounted filesystem. */
export interface Mount {
  kind: 'tmpfs' | 'xfs' | 'ext4'
  /** The mount point. */
  dir: string
  /** The image file behind a loop mount. */
  image: string | undefined
  /** What it is, for the report (`tmpfs 3 GiB`, `XFS 5 GiB loop image (reflink=1)`). */
  description: string
}

const active: Mount[] = []

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  const output =
    `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim()
  return { ok: result.status === 0, output }
}

/** Why this process cannot mount, or `undefined` when it can try. */
export function cannotMount(kind: Mount['kind']): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root (mounting needs root)'
  if (process.platform !== 'linux') return 'mounting is implemented for Linux only'
  const tools = kind === 'tmpfs' ? ['mount'] : ['mount', 'losetup', kind === 'xfs' ? 'mkfs.xfs' : 'mkfs.ext4']
  const missing = tools.filter((tool) => !findOnPath(tool))
  if (missing.length)
    return `${missing.join(', ')} not installed (Debian: apt-get install ${kind === 'xfs' ? 'xfsprogs' : 'e2fsprogs'})`
  return undefined
}

/**
 * Mounts a fresh filesystem of `sizeBytes` under `base` (`base/<kind>-mnt`, the image beside it). Returns the
 * mount or why there is none; never leaves a half-made mount behind.
 */
export function mountFresh(kind: Mount['kind'], base: string, sizeBytes: number): Mount | string {
  const why = cannotMount(kind)
  if (why) return why
  const dir = join(base, `${kind}-mnt`)
  mkdirSync(dir, { recursive: true })
  const gib = `${(sizeBytes / 1024 ** 3).toFixed(0)} GiB`
  if (kind === 'tmpfs') {
    const r = run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir])
    if (!r.ok) return `mount -t tmpfs failed: ${r.output}`
    const mount: Mount = { kind, dir, image: undefined, description: `tmpfs of ${gib}` }
    active.push(mount)
    return mount
  }
  const image = join(base, `${kind}.img`)
  rmSync(image, { force: true })
  writeFileSync(image, '')
  truncateSync(image, sizeBytes)
  // ext4: initialise inode tables and journal now, or ext4lazyinit writes them in the background during the runs.
  const mkfs =
    kind === 'xfs'
      ? run('mkfs.xfs', ['-q', image])
      : run('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image])
  if (!mkfs.ok) {
    rmSync(image, { force: true })
    return `mkfs.${kind} failed: ${mkfs.output}`
  }
  const r = run('mount', ['-o', 'loop', image, dir])
  if (!r.ok) {
    rmSync(image, { force: true })
    return `mount -o loop ${kind} image failed: ${r.output}`
  }
  let description = `${kind === 'xfs' ? 'XFS' : 'ext4'} on a ${gib} loop-mounted image`
  if (kind === 'xfs') {
    const info = run('xfs_info', [dir])
    const reflink = /reflink=(\d)/.exec(info.output)?.[1]
    if (reflink !== undefined) description += ` (reflink=${reflink})`
  }
  const mount: Mount = { kind, dir, image, description }
  active.push(mount)
  return mount
}

/** Unmounts `mount` (lazily if it is busy), detaches its loop device and deletes its image. */
export function unmount(mount: Mount): void {
  const index = active.indexOf(mount)
  if (index >= 0) active.splice(index, 1)
  if (!run('umount', [mount.dir]).ok) run('umount', ['-l', mount.dir])
  if (mount.image) {
    // `umount` of a loop mount set up by `mount -o loop` detaches it (autoclear); make sure of it.
    const devices = run('losetup', ['-j', mount.image])
      .output.split('\n')
      .map((line) => line.split(':')[0]?.trim())
      .filter((dev): dev is string => !!dev)
    for (const dev of devices) run('losetup', ['-d', dev])
    rmSync(mount.image, { force: true })
  }
  try {
    // Not recursive: if the unmount failed, the filesystem's contents must not be deleted through the mount point.
    rmdirSync(mount.dir)
  } catch {
    // Still mounted (reported by the caller's findmnt) or already gone.
  }
}

/** Unmounts everything still mounted by this process. */
export function unmountAll(): void {
  for (const mount of [...active].reverse()) unmount(mount)
}

let hooked = false

/** Unmounts everything when the benchmark is interrupted (Ctrl-C, SIGTERM), then exits with the usual code. */
export function unmountOnSignals(log: (line: string) => void): void {
  if (hooked) return
  hooked = true
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      log(`bench: ${signal}: unmounting ${active.length} filesystem(s) before exiting`)
      unmountAll()
      process.exit(code)
    })
  }
}
