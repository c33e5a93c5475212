/**
 * The one schema of a copy job's options (zod). The engine, the IPC layer, the CLI (after commander parses) and the
 * start form all validate with it, and {@link JobOptions} is derived from it, so a new option or limit is written
 * once. Pure: no `node:`, DOM or `electron` import.
 */
import { z } from 'zod'

/** What to do when a file already exists at the destination. */
export const AUTOMATIC_CONFLICT_POLICIES = ['skip', 'overwrite', 'rename', 'newer'] as const
/** All policies; `ask` needs a user to answer (the CLI offers only the automatic ones). */
export const CONFLICT_POLICIES = [...AUTOMATIC_CONFLICT_POLICIES, 'ask'] as const
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number]

/** Bounds every layer checks against (through {@link jobOptionsSchema}). */
export const JOB_LIMITS = {
  minThreads: 1,
  maxThreads: 64,
  minChunkSize: 4 * 1024,
  maxChunkSize: 256 * 1024 * 1024,
  /** Sources of one job: more is a folder's worth, and should be given as the folder. */
  maxSources: 100_000,
  /** Longest path any supported OS accepts (Windows' extended-length limit); anything longer is not a path. */
  maxPathLength: 32_767,
  /** Filter patterns of one job (`include` and `exclude` each): an `--exclude-from` file's worth, not a name list. */
  maxPatterns: 1_000,
  /** Longest filter pattern: a path's worth of glob. */
  maxPatternLength: 4_096,
  /** Slowest bandwidth limit, bytes per second: below it a chunk would take minutes between control checks. */
  minBandwidth: 1_024,
} as const

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\[^\\])/

/** True for an absolute POSIX or Windows path. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || WINDOWS_ABSOLUTE.test(path)
}

/** An absolute filesystem path without NUL bytes (which every OS rejects and C APIs would truncate at). */
const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(JOB_LIMITS.maxPathLength, 'is too long to be a path')
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  .refine(isAbsolutePath, 'must be an absolute path')

const { minThreads, maxThreads, minChunkSize, maxChunkSize, maxSources, maxPatterns, maxPatternLength } =
  JOB_LIMITS
const chunkRange = `${minChunkSize / 1024} KiB to ${maxChunkSize / 2 ** 20} MiB`

/** A glob (picomatch syntax) matched against paths relative to the source root. */
const pattern = z
  .string()
  .min(1, 'must not be empty')
  .max(maxPatternLength, `must be at most ${maxPatternLength} characters`)
  .refine((text) => !text.includes('\0'), 'must not contain NUL characters')

const patterns = z.array(pattern).max(maxPatterns, `takes at most ${maxPatterns} patterns`)

/**
 * Junk files operating systems leave in folders (`excludeJunk`): Finder's `.DS_Store` and AppleDouble `._*` files,
 * Windows' `Thumbs.db` and `desktop.ini`.
 */
export const JUNK_PATTERNS = ['.DS_Store', '._*', 'Thumbs.db', 'desktop.ini'] as const

/**
 * The patterns of a list typed one per line (the window's filter fields, an `--exclude-from` file): blank lines and
 * lines starting with `#` are skipped; a line is otherwise taken as it is (spaces included), without its line ending.
 */
export function patternLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim().length > 0 && !line.startsWith('#'))
}

export const jobOptionsSchema = z.strictObject({
  /** Absolute paths of files and folders to copy. */
  sources: z
    .array(absolutePath)
    .min(1, 'needs at least one source')
    .max(maxSources, `takes at most ${maxSources} paths; copy their folder instead`),
  /**
   * Absolute destination path. By default `cp -r` rules: an existing folder receives the sources inside it; with a
   * single source and a missing destination, the destination becomes the copy. See {@link intoDestination}.
   */
  destination: absolutePath,
  /**
   * The destination is the folder the sources go into, created if missing (as a desktop app means it): each source
   * lands at `destination/<its name>`. The app sets it; the CLI keeps `cp -r` rules.
   */
  intoDestination: z.boolean().optional(),
  /** Default `skip`. `ask` needs an `onConflict` handler (see the engine's `JobHooks`). */
  onConflict: z.enum(CONFLICT_POLICIES).optional(),
  /**
   * Default true: a file gets its final name only once its data is on the disk (commit groups), and the job is not
   * done until everything is — so a power cut never leaves a final name holding a partial or empty file. False
   * (`--no-sync`) is for scratch copies: faster, and not crash-safe.
   */
  sync: z.boolean().optional(),
  /** Hash while reading, re-read and hash the written file, fail with `VERIFY_FAILED` on mismatch. */
  verify: z.boolean().optional(),
  /** Chunk size in bytes for chunked copies. Default chosen by measurement (see README). */
  chunkSize: z
    .number()
    .int(`must be a whole number of bytes, ${chunkRange}`)
    .min(minChunkSize, `must be ${chunkRange}`)
    .max(maxChunkSize, `must be ${chunkRange}`)
    .optional(),
  /** Worker threads for this job. */
  threads: z
    .number()
    .int(`must be a whole number from ${minThreads} to ${maxThreads}`)
    .min(minThreads, `must be from ${minThreads} to ${maxThreads}`)
    .max(maxThreads, `must be from ${minThreads} to ${maxThreads}`)
    .optional(),
  /**
   * Filters, as rsync and rclone mean them: a pattern matches the path relative to the source root (`docs/*.tmp`,
   * a leading `/` anchors it there too); a pattern without `/` matches the name at any depth; a trailing `/`
   * matches folders only. An excluded folder is not walked at all. Exclusion wins over inclusion.
   */
  exclude: patterns.optional(),
  /** When given, only files (and symlinks) matching one of these are copied; folders are still walked. */
  include: patterns.optional(),
  /** Also exclude {@link JUNK_PATTERNS}. */
  excludeJunk: z.boolean().optional(),
  /**
   * Move instead of copy: each source file is deleted once its copy is complete and durable under its final name
   * (on the same filesystem it is renamed instead); source folders are removed once empty. Implies `sync`.
   */
  move: z.boolean().optional(),
  /**
   * Bandwidth limit in bytes per second, for all the job's threads together (one token bucket); absent: none. A
   * running job's limit can be changed (`setBandwidthLimit`). Clones are not charged: they move no data.
   */
  bandwidthLimit: z
    .number()
    .int('must be a whole number of bytes per second')
    .min(JOB_LIMITS.minBandwidth, `must be at least ${JOB_LIMITS.minBandwidth / 1024} KiB/s`)
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .optional(),
})

/** Options of one copy job (derived from {@link jobOptionsSchema}). */
export type JobOptions = z.infer<typeof jobOptionsSchema>

/** One problem found by {@link checkJobOptions}: which field, and what is wrong with it. */
export interface OptionProblem {
  /** Top-level field (`sources`, `destination`, `threads`, …), or `options` for the object itself. */
  field: string
  /** `sources.3: must be an absolute path` */
  message: string
}

/** Validates untrusted options; the problems name each offending field (at most five). */
export function checkJobOptions(
  input: unknown,
): { ok: true; options: JobOptions } | { ok: false; problems: OptionProblem[] } {
  const parsed = jobOptionsSchema.safeParse(input)
  if (parsed.success) return { ok: true, options: parsed.data }
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length === 0 ? 'options' : issue.path.map(String).join('.')
    return {
      field: issue.path.length === 0 ? 'options' : String(issue.path[0]),
      message: `${where}: ${issue.message}`,
    }
  })
  return { ok: false, problems }
}
