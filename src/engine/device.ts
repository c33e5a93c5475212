/**
 * What the destination is: its filesystem type (statfs magic) and, on Linux, its block device's traits from sysfs
 * (rotational, removable). Decides the default number of copy threads — a spinning disk seeks itself to a crawl
 * under parallel writers, memory and SSDs take one writer per core, network filesystems hide latency behind
 * more — and tells the job whether to end with "safe to remove". Best effort: unknown is a valid answer.
 */
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, parse } from 'node:path'

export type DeviceKind = 'memory' | 'ssd' | 'rotational' | 'network' | 'unknown'

export interface DestinationDevice {
  kind: DeviceKind
  /**
   * Filesystem type by name where the magic is known (`ext4`, `xfs`, `vfat`, `tmpfs`, …), else `unknown`. A FUSE
   * mount is named by its mount type (`fuse.sshfs`), or by the kernel type it implements (fusefat: `vfat`).
   */
  fsType: string
  /** A removable block device (USB stick, SD card): the job ends with "safe to remove" once flushed. */
  removable: boolean
}

/** statfs `f_type` magics (linux/magic.h) of the filesystems Ferry treats specially. */
const FS_TYPES: Record<number, string> = {
  0x01021994: 'tmpfs',
  0x858458f6: 'ramfs',
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x4d44: 'vfat',
  0x2011bab0: 'exfat',
  0x5346544e: 'ntfs',
  0x7366746e: 'ntfs3',
  0x65735546: 'fuse',
  0x6969: 'nfs',
  0x517b: 'smb',
  0xff534d42: 'cifs',
  0xfe534d42: 'smb2',
  0x794c7630: 'overlay',
  0x2fc12fc1: 'zfs',
}
const MEMORY = new Set(['tmpfs', 'ramfs'])
const NETWORK = new Set(['nfs', 'smb', 'cifs', 'smb2'])

/** Describes the filesystem that holds `path` (or would: the nearest existing ancestor). */
export async function describeDestination(path: string): Promise<DestinationDevice> {
  const existing = await nearestExisting(path)
  if (!existing) return { kind: 'unknown', fsType: 'unknown', removable: false }
  const [st, sfs] = await Promise.all([
    fs.stat(existing).catch(() => undefined),
    fs.statfs(existing).catch(() => undefined),
  ])
  let fsType = sfs ? (FS_TYPES[Number(sfs.type) >>> 0] ?? 'unknown') : 'unknown'
  if (fsType === 'fuse' && st) fsType = fuseType(st.dev) ?? fsType
  if (MEMORY.has(fsType)) return { kind: 'memory', fsType, removable: false }
  if (NETWORK.has(fsType)) return { kind: 'network', fsType, removable: false }
  const block = st && process.platform === 'linux' ? blockTraits(st.dev) : undefined
  const kind: DeviceKind = block ? (block.rotational ? 'rotational' : 'ssd') : 'unknown'
  return { kind, fsType, removable: block?.removable ?? false }
}

/** FUSE filesystems whose limits are those of the kernel type they implement. */
const FUSE_TYPES: Record<string, string> = { 'fuse.fusefat': 'vfat', 'fuse.exfat': 'exfat' }

/**
 * What a FUSE mount implements (every FUSE mount has the same statfs magic): the mount's type in
 * /proc/self/mountinfo (`fuse.fusefat`), found by the device number, mapped to the kernel type with the same limits
 * (`vfat`), or left as `fuse.NAME`. Linux only; undefined elsewhere.
 */
function fuseType(dev: number): string | undefined {
  if (process.platform !== 'linux') return undefined
  let text: string
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8')
  } catch {
    return undefined
  }
  const major = Math.floor(dev / 256) & 0xfff
  const minor = (dev & 0xff) | ((Math.floor(dev / 2 ** 20) & 0xfff) << 8)
  const id = `${major}:${minor}`
  for (const line of text.split('\n')) {
    // mount-id parent-id major:minor root mount-point options [optional fields] - type source super-options
    const fields = line.split(' ')
    if (fields[2] !== id) continue
    const type = fields[fields.indexOf('-') + 1]
    if (type) return FUSE_TYPES[type] ?? type
  }
  return undefined
}

/** Copy threads for a destination, and why (said in the `started` event and `--json`). */
export function threadsFor(
  device: DestinationDevice,
  cores = availableParallelism(),
): { threads: number; why: string } {
  switch (device.kind) {
    case 'rotational':
      return { threads: 1, why: 'the destination is a rotational disk: one writer avoids seeking' }
    case 'network':
      return {
        threads: Math.min(8, Math.max(4, cores)),
        why: `the destination is a network filesystem (${device.fsType}): more writers hide latency`,
      }
    case 'memory':
    case 'ssd':
      return {
        threads: Math.min(8, cores),
        why: `the destination is ${device.kind === 'memory' ? 'in memory' : 'an SSD'}: one writer per core`,
      }
    case 'unknown':
      return { threads: Math.min(2, cores), why: 'the destination device is unknown: the measured default' }
  }
}

async function nearestExisting(path: string): Promise<string | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    if (
      await fs.lstat(dir).then(
        () => true,
        () => false,
      )
    )
      return dir
    if (dir === parse(dir).root) return undefined
  }
}

/** sysfs traits of the block device `dev` (or its whole disk, for a partition). */
function blockTraits(dev: number): { rotational: boolean; removable: boolean } | undefined {
  const major = Math.floor(dev / 256) & 0xfff
  const minor = (dev & 0xff) | ((Math.floor(dev / 2 ** 20) & 0xfff) << 8)
  const base = `/sys/dev/block/${major}:${minor}`
  const read = (name: string): string | undefined => {
    for (const at of [`${base}/${name}`, `${base}/../${name}`]) {
      try {
        return readFileSync(at, 'utf8').trim()
      } catch {
        // a partition keeps these on its disk, one level up
      }
    }
    return undefined
  }
  const rotational = read('queue/rotational')
  if (rotational === undefined) return undefined
  return { rotational: rotational === '1', removable: read('removable') === '1' }
}
