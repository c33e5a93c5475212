import type { ErrorCode, FerryErrorData } from '../shared/job'

/** An error with one of Ferry's codes. `toData()` is what crosses threads and IPC. */
export class FerryError extends Error {
  override readonly name = 'FerryError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  toData(): FerryErrorData {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path }
  }
}

/** Node `errno` codes mapped to Ferry's codes, each with the advice a user can act on. */
const ERRNO: Record<string, { code: ErrorCode; what: string; advice: string }> = {
  ENOSPC: { code: 'DISK_FULL', what: 'the destination disk is full', advice: 'free some space and retry' },
  EDQUOT: { code: 'DISK_FULL', what: 'the disk quota is exceeded', advice: 'free some space and retry' },
  EFBIG: {
    code: 'DISK_FULL',
    what: 'the file is too large for the destination',
    advice: 'use a filesystem that allows large files',
  },
  EACCES: {
    code: 'PERMISSION_DENIED',
    what: 'permission denied',
    advice: 'check the permissions of the file and its folder',
  },
  EPERM: {
    code: 'PERMISSION_DENIED',
    what: 'operation not permitted',
    advice: 'check the permissions of the file and its folder',
  },
  ENOENT: {
    code: 'NOT_FOUND',
    what: 'no such file or folder (it may have been moved or deleted)',
    advice: 'check the path and retry',
  },
  EROFS: {
    code: 'READ_ONLY',
    what: 'the destination is on a read-only filesystem',
    advice: 'choose a writable destination',
  },
  ENAMETOOLONG: {
    code: 'NAME_TOO_LONG',
    what: 'the path or a name in it is too long (at most 4096 bytes for a path, 255 for a name)',
    advice: 'shorten the name or the path',
  },
  ELOOP: {
    code: 'NOT_FOUND',
    what: 'too many levels of symbolic links in the path',
    advice: 'check the links along the path',
  },
  EMFILE: {
    code: 'TOO_MANY_OPEN_FILES',
    what: 'too many open files',
    advice: 'close other programs or lower --jobs, then retry',
  },
  ENFILE: {
    code: 'TOO_MANY_OPEN_FILES',
    what: 'too many open files on the system',
    advice: 'close other programs or lower --jobs, then retry',
  },
  ENOTDIR: {
    code: 'NOT_A_DIRECTORY',
    what: 'a part of the path is a file, not a folder',
    advice: 'check the destination path',
  },
  EISDIR: {
    code: 'IS_A_DIRECTORY',
    what: 'a folder is in the way of a file',
    advice: 'rename or remove the folder at the destination',
  },
  EEXIST: {
    code: 'IO_ERROR',
    what: 'something already exists at the destination',
    advice: 'retry; choose another conflict policy if it persists',
  },
  EINVAL: {
    code: 'UNSUPPORTED',
    what: 'the destination filesystem does not support this name or operation',
    advice: 'rename the file or choose another destination',
  },
  ENOTSUP: {
    code: 'UNSUPPORTED',
    what: 'the destination filesystem does not support this operation',
    advice: 'choose another destination',
  },
  EIO: {
    code: 'IO_ERROR',
    what: 'an input/output error occurred (the disk may be failing or disconnected)',
    advice: 'check the disk and retry',
  },
}

/** Texts that depend on which side of the copy failed (the table's are the destination's). */
const SOURCE_SIDE: Record<string, { what: string; advice: string }> = {
  ENAMETOOLONG: {
    what: 'the source path is too long to open (at most 4096 bytes for a path, 255 for a name)',
    advice: 'move or rename the source folder to shorten its path',
  },
  EROFS: { what: 'the source is on a read-only filesystem', advice: 'copy it from a writable place' },
}

/**
 * Turns any thrown value into a {@link FerryError} naming `path`. `doing` says what Ferry was doing
 * ("reading", "writing", …) so the message reads as a sentence; `side` says whether `path` is the source.
 */
export function toFerryError(
  error: unknown,
  path: string,
  doing: string,
  side: 'source' | 'destination' = 'destination',
): FerryError {
  if (error instanceof FerryError) return error
  const errno = (error as NodeJS.ErrnoException | undefined)?.code
  const table = errno ? ERRNO[errno] : undefined
  const known =
    table && side === 'source' && errno && SOURCE_SIDE[errno] ? { ...table, ...SOURCE_SIDE[errno] } : table
  if (known) {
    return new FerryError(
      known.code,
      `Error ${doing} ${path}: ${known.what} (${errno}); ${known.advice}.`,
      path,
      { cause: error },
    )
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new FerryError('IO_ERROR', `Error ${doing} ${path}: ${detail}.`, path, { cause: error })
}
