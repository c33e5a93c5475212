/**
 * Real filesystems for durability tests: ext4 and XFS on loop-mounted sparse images, and tmpfs, in a temp folder.
 * Root only; {@link whyNoImages} says why they cannot be used here so a test can skip with that reason.
 *
 * Power cut: {@link shutdown} runs `xfs_io -x -c shutdown DIR` (the `-x` expert flag is needed for `shutdown`, on
 * ext4 as on XFS; the kernel's `FS_IOC_GOINGDOWN`/`XFS_IOC_GOINGDOWN` with NOLOGFLUSH). From that instant the
 * filesystem writes nothing more: dirty pages and unflushed journal or log are lost, as with a power cut. `-f`
 * would flush the log first (a tidier crash); it is not used. Then the filesystem is unmounted (the kernel allows
 * it after a shutdown, once no process holds a file open on it) and mounted again from the same image, which
 * replays the journal or log. What the loop device had already written is in the image: that is "on the disk".
 * Checked on Linux 6.18 with xfs_io 6.1: on ext4 a 4 MiB file written without sync is gone after the remount; on
 * XFS a file written without sync after an earlier `sync -f` comes back zero-length (its inode was logged, its data
 * was not).
 *
 * Every mount is recorded: {@link cleanupImages} (call it in `afterAll`, it runs even when a test failed) unmounts
 * what is left (lazily, `umount -l`, as a last resort), detaches the images' loop devices (`losetup -j IMG`, only
 * ours) and deletes the temp folder.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** A kind of filesystem these helpers make. */
export type FsKind = 'ext4' | 'xfs' | 'tmpfs'

/** A mounted filesystem. */
export interface FsImage {
  kind: FsKind
  /** The mount point. */
  dir: string
  /** The image file behind a loop mount (undefined for tmpfs). */
  image: string | undefined
  mounted: boolean
}

const TOOLS: Record<FsKind, string[]> = {
  ext4: ['mount', 'umount', 'losetup', 'mkfs.ext4', 'xfs_io'],
  xfs: ['mount', 'umount', 'losetup', 'mkfs.xfs', 'xfs_io'],
  tmpfs: ['mount', 'umount'],
}
const PACKAGES: Record<string, string> = {
  'mkfs.ext4': 'e2fsprogs',
  'mkfs.xfs': 'xfsprogs',
  xfs_io: 'xfsprogs',
  losetup: 'mount',
}

function onPath(tool: string): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin'])
  return dirs.some((dir) => {
    try {
      fs.accessSync(join(dir, tool), fs.constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** Why a filesystem of `kind` cannot be made here (not root, not Linux, a tool missing), or undefined. */
export function whyNoImages(kind: FsKind): string | undefined {
  if (process.platform !== 'linux') return `${kind} images need Linux`
  if (process.getuid?.() !== 0) return `not running as root: cannot mount a ${kind} filesystem`
  const missing = TOOLS[kind].filter((tool) => !onPath(tool))
  if (missing.length) {
    const pkgs = [...new Set(missing.map((tool) => PACKAGES[tool] ?? tool))].join(' ')
    return `${missing.join(', ')} not installed (apt-get install -y ${pkgs})`
  }
  return undefined
}

/** Runs a command; rejects with its stderr in the message. */
async function sh(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec(command, args, { maxBuffer: 16 << 20 })
    return stdout
  } catch (error) {
    const e = error as { stderr?: string; message: string }
    throw new Error(`${command} ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`, {
      cause: error,
    })
  }
}

const images: FsImage[] = []
let tempRoot: string | undefined

function root(): string {
  tempRoot ??= fs.mkdtempSync(join(os.tmpdir(), 'ferry-fsimg-'))
  return tempRoot
}

async function mountImage(image: FsImage): Promise<void> {
  if (image.kind === 'tmpfs') throw new Error('a tmpfs cannot be mounted again: its contents are gone')
  await sh('mount', ['-o', 'loop', image.image ?? '', image.dir])
  image.mounted = true
}

/**
 * Makes a sparse image of `sizeBytes`, formats it as `kind` and loop-mounts it on a new folder. XFS needs at least
 * 300 MiB. ext4's inode tables and journal are initialised by mkfs (no background ext4lazyinit writes).
 */
export async function makeImage(kind: 'ext4' | 'xfs', sizeBytes: number): Promise<FsImage> {
  const why = whyNoImages(kind)
  if (why) throw new Error(why)
  const base = fs.mkdtempSync(join(root(), `${kind}-`))
  const file = join(base, `${kind}.img`)
  fs.writeFileSync(file, '')
  fs.truncateSync(file, sizeBytes)
  if (kind === 'xfs') await sh('mkfs.xfs', ['-q', '-f', file])
  else await sh('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', file])
  const dir = join(base, 'mnt')
  fs.mkdirSync(dir)
  const image: FsImage = { kind, dir, image: file, mounted: false }
  images.push(image)
  await mountImage(image)
  return image
}

/** Mounts a tmpfs of `sizeBytes` on a new folder. */
export async function tmpfs(sizeBytes: number): Promise<FsImage> {
  const why = whyNoImages('tmpfs')
  if (why) throw new Error(why)
  const dir = fs.mkdtempSync(join(root(), 'tmpfs-'))
  await sh('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir])
  const image: FsImage = { kind: 'tmpfs', dir, image: undefined, mounted: true }
  images.push(image)
  return image
}

function find(dir: string): FsImage {
  const image = images.find((i) => i.dir === dir)
  if (!image) throw new Error(`${dir} is not a filesystem made by fs-images`)
  return image
}

/** Unmounts `dir` (an image stays, to be mounted again or cleaned up). Retries briefly while it is busy. */
export async function unmountImage(dir: string): Promise<void> {
  const image = find(dir)
  if (!image.mounted) return
  let last: unknown
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await sh('umount', [dir])
      image.mounted = false
      return
    } catch (error) {
      last = error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw last instanceof Error ? last : new Error(String(last))
}

/**
 * A simulated power cut on the loop-mounted filesystem at `dir`: `xfs_io -x -c shutdown` (everything not yet on
 * the image is lost), then unmount and mount the image again. Processes still writing there see EIO; stop or wait
 * for them before calling this if they hold files open, or the unmount waits (up to 2 s) and then fails.
 * `beforeUnmount` runs between the shutdown and the unmount (e.g. to wait for the writer to exit).
 */
export async function shutdown(dir: string, beforeUnmount?: () => Promise<void>): Promise<void> {
  const image = find(dir)
  if (image.kind === 'tmpfs') throw new Error('a tmpfs has no disk to cut the power of')
  await sh('xfs_io', ['-x', '-c', 'shutdown', dir])
  if (beforeUnmount) await beforeUnmount()
  await unmountImage(dir)
  await mountImage(image)
}

/** The loop devices attached to `file` (`losetup -j`), e.g. `/dev/loop3`. */
async function loopDevices(file: string): Promise<string[]> {
  const out = await sh('losetup', ['-j', file]).catch(() => '')
  return out
    .split('\n')
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter(Boolean)
}

/**
 * Unmounts everything these helpers mounted (lazily when a plain unmount fails), detaches the images' loop
 * devices and deletes the temp folder. Returns what could not be cleaned (empty when all went well).
 */
export async function cleanupImages(): Promise<string[]> {
  const problems: string[] = []
  for (const image of [...images].reverse()) {
    if (image.mounted) {
      try {
        await sh('umount', [image.dir])
      } catch {
        try {
          await sh('umount', ['-l', image.dir])
        } catch (error) {
          problems.push(`cannot unmount ${image.dir}: ${String(error)}`)
          continue
        }
      }
      image.mounted = false
    }
    if (image.image) {
      for (const dev of await loopDevices(image.image)) {
        await sh('losetup', ['-d', dev]).catch((error: unknown) =>
          problems.push(`cannot detach ${dev}: ${String(error)}`),
        )
      }
    }
  }
  const stillMounted = images.filter((image) => image.mounted)
  images.length = 0
  if (tempRoot && stillMounted.length === 0) {
    fs.rmSync(tempRoot, { recursive: true, force: true })
    tempRoot = undefined
  }
  return problems
}
