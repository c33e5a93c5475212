/**
 * What the destination's filesystem cannot hold, known from its type: FAT32's largest file (4 GiB − 1 byte), names
 * Windows filesystems refuse (FAT, exFAT, NTFS: `<>:"\|?*`, control characters, a trailing dot or space, the
 * reserved device names), names that differ only by case on a case-insensitive filesystem, and name and path
 * lengths. The walk is streaming, so these are checked per entry as the intake accepts it: a file that cannot be
 * held fails at once, before any of its bytes are written (a 4 GiB file onto FAT32 used to fail at 99 %).
 */
import { formatBytes } from '../shared/format-bytes'
import type { ErrorCode, FerryErrorData } from '../shared/job'

/** The limits of one filesystem type. */
export interface FsLimits {
  /** How people know it: `FAT32`, `exFAT`, `NTFS`, or the type itself. */
  label: string
  /** Largest file in bytes, when the filesystem has a limit below what a disk holds. */
  maxFileSize?: number
  /** Windows naming rules apply (FAT, exFAT, NTFS). */
  windowsNames: boolean
  /** Names differing only by case are the same name. */
  caseInsensitive: boolean
  /** Longest name: 255 UTF-16 units (FAT, exFAT, NTFS) or 255 bytes (ext4, XFS, btrfs, tmpfs, …). */
  maxName: { length: number; unit: 'utf16' | 'bytes' }
}

/** Linux's PATH_MAX (4096, with the terminating NUL): no filesystem call takes a longer path. */
export const MAX_PATH_BYTES = 4095

const WINDOWS_FAMILY: Record<string, { label: string; maxFileSize?: number }> = {
  vfat: { label: 'FAT32', maxFileSize: 2 ** 32 - 1 },
  exfat: { label: 'exFAT' },
  ntfs: { label: 'NTFS' },
  ntfs3: { label: 'NTFS' },
}

/** Limits of the filesystem type `fsType` (as `describeDestination` names it). */
export function limitsFor(fsType: string): FsLimits {
  const windows = WINDOWS_FAMILY[fsType]
  if (windows) {
    return { ...windows, windowsNames: true, caseInsensitive: true, maxName: { length: 255, unit: 'utf16' } }
  }
  return {
    label: fsType,
    windowsNames: false,
    caseInsensitive: false,
    maxName: { length: 255, unit: 'bytes' },
  }
}

/** One entry as the check needs it: names as displayed (UTF-8) and their byte lengths. */
export interface LimitEntry {
  kind: 'file' | 'symlink' | 'directory'
  /** Its last name, for display. */
  base: string
  /** Length of that name in bytes (a non-UTF-8 name is shorter in bytes than its display). */
  baseBytes: number
  /** Its destination folder (any stable key: the clash check groups by it). */
  parent: string
  /** Length of the whole destination path in bytes. */
  pathBytes: number
  /** The source, for the message. */
  source: string
  size: number
}

const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(?:\..*)?$/i
// eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses
const FORBIDDEN = /[<>:"\\|?*\x00-\x1f]/

/** Why Windows filesystems refuse `name`, or undefined. */
export function windowsNameProblem(name: string): string | undefined {
  const bad = FORBIDDEN.exec(name)?.[0]
  if (bad !== undefined) {
    const shown =
      bad.charCodeAt(0) < 0x20
        ? `the control character U+${bad.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
        : `"${bad}"`
    return `it contains ${shown}`
  }
  if (/[. ]$/.test(name) && name !== '.' && name !== '..') {
    return `it ends with ${name.endsWith('.') ? 'a dot' : 'a space'}`
  }
  const reserved = RESERVED.exec(name)
  if (reserved) return `${name.split('.')[0]!.toUpperCase()} is a reserved device name on Windows`
  return undefined
}

/**
 * Checks entries against the destination's limits. Stateful for case clashes: it remembers the folded names of the
 * folder being walked (the walk hands out one folder's entries together) and of the roots, so memory stays bounded.
 */
export class LimitChecker {
  private folder: string | undefined
  private folderNames = new Map<string, string>()
  private readonly rootNames = new Map<string, string>()

  constructor(
    readonly limits: FsLimits,
    /** The destination as the user named it, for the messages. */
    private readonly destination: string,
  ) {}

  /** Why `entry` cannot be written to the destination, or undefined. `root`: a source's own target. */
  check(entry: LimitEntry, root = false): FerryErrorData | undefined {
    const { limits } = this
    const fs = `${limits.label} (the filesystem of ${this.destination})`
    const fail = (code: ErrorCode, message: string): FerryErrorData => ({ code, message, path: entry.source })
    const nameLength = limits.maxName.unit === 'utf16' ? entry.base.length : entry.baseBytes
    if (nameLength > limits.maxName.length) {
      const unit = limits.maxName.unit === 'utf16' ? 'characters' : 'bytes'
      return fail(
        'NAME_TOO_LONG',
        `${entry.source} was not copied: its name is ${nameLength} ${unit} long, and ${fs} allows ${limits.maxName.length}. Shorten the name and copy it again.`,
      )
    }
    if (entry.pathBytes > MAX_PATH_BYTES) {
      return fail(
        'NAME_TOO_LONG',
        `${entry.source} was not copied: its destination path would be ${entry.pathBytes} bytes long, and Linux allows ${MAX_PATH_BYTES}. Copy it to a shorter destination path, or shorten its folders' names.`,
      )
    }
    if (limits.windowsNames) {
      const why = windowsNameProblem(entry.base)
      if (why) {
        return fail(
          'NAME_NOT_ALLOWED',
          `${entry.source} was not copied: "${entry.base}" is not a valid name on ${fs}, because ${why}. Rename it in the source, or copy to a disk formatted ext4, APFS or similar.`,
        )
      }
    }
    if (limits.maxFileSize !== undefined && entry.kind === 'file' && entry.size > limits.maxFileSize) {
      return fail(
        'FILE_TOO_LARGE',
        `${entry.source} was not copied: it is ${formatBytes(entry.size)}, and ${fs} holds files of at most 4 GiB − 1 byte. Copy it to a disk formatted exFAT or NTFS, or split it into parts (e.g. split -b 4000M).`,
      )
    }
    if (limits.caseInsensitive) return this.checkCase(entry, root, fs, fail)
    return undefined
  }

  private checkCase(
    entry: LimitEntry,
    root: boolean,
    fs: string,
    fail: (code: ErrorCode, message: string) => FerryErrorData,
  ): FerryErrorData | undefined {
    let names = this.rootNames
    if (!root) {
      if (entry.parent !== this.folder) {
        this.folder = entry.parent
        this.folderNames = new Map()
      }
      names = this.folderNames
    }
    const key = `${root ? `${entry.parent}\0` : ''}${entry.base.toUpperCase()}`
    const first = names.get(key)
    if (first === undefined) {
      names.set(key, entry.base)
      return undefined
    }
    return fail(
      'NAME_CLASH',
      `${entry.source} was not copied: its name "${entry.base}" differs from "${first}" in the same folder only by case, and ${fs} treats them as one name. Rename one of them in the source and copy it again.`,
    )
  }
}
