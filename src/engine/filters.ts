/**
 * Include/exclude filters (picomatch globs), as rsync and rclone mean them. A pattern is matched against the path
 * relative to the source root, with `/` between names: a pattern without `/` matches a name at any depth
 * (`*.tmp`, `.git`); one with `/` matches the end of the path at whole names (`cache/*.bin` matches `cache/a.bin`
 * and `x/cache/a.bin`), and a leading `/` anchors it at the source root (`/build`); a trailing `/` matches folders
 * only (`logs/`). `*` matches dot files too. Exclusion wins over inclusion; `include` selects files, never folders
 * (folders are walked to find the files). Names that are not UTF-8 are matched as displayed (U+FFFD).
 *
 * picomatch is loaded only when a job has patterns: it costs ~25 ms of start-up.
 */
import { JUNK_PATTERNS, type JobOptions } from '../shared/job-options'

/** Decides, from its path relative to the source root, whether the walk leaves an entry out. */
export interface PathFilter {
  /**
   * True when `rel` (`docs/a.txt`; a file given as a source: its name) is left out. An excluded folder is not walked;
   * `include` patterns never exclude a folder.
   */
  excludes(rel: string, kind: 'directory' | 'file'): boolean
}

type Matcher = (path: string) => boolean

interface Compiled {
  any: Matcher[]
  /** Patterns with a trailing `/`: folders only. */
  folders: Matcher[]
}

/** The filter of a job's options, or undefined when it has none (nothing is loaded then). */
export async function loadPathFilter(
  options: Pick<JobOptions, 'include' | 'exclude' | 'excludeJunk'>,
): Promise<PathFilter | undefined> {
  const exclude = [...(options.exclude ?? []), ...(options.excludeJunk ? JUNK_PATTERNS : [])]
  const include = options.include ?? []
  if (exclude.length === 0 && include.length === 0) return undefined
  const { default: picomatch } = await import('picomatch')
  const compile = (patterns: readonly string[], foldersAsTrees: boolean): Compiled => {
    const compiled: Compiled = { any: [], folders: [] }
    for (const raw of patterns) {
      let pattern = raw
      const folderOnly = pattern.endsWith('/')
      while (pattern.endsWith('/')) pattern = pattern.slice(0, -1)
      const anchored = pattern.startsWith('/')
      while (pattern.startsWith('/')) pattern = pattern.slice(1)
      if (pattern.length === 0) continue
      // Unanchored: the pattern may start at any folder of the path (picomatch's `**/` matches zero or more).
      let glob = anchored ? pattern : `**/${pattern}`
      // An included folder means the files under it.
      if (folderOnly && foldersAsTrees) glob = `${glob}/**`
      const matcher = picomatch(glob, { dot: true })
      if (folderOnly && !foldersAsTrees) compiled.folders.push(matcher)
      else compiled.any.push(matcher)
    }
    return compiled
  }
  const excluded = compile(exclude, false)
  const included = include.length > 0 ? compile(include, true) : undefined
  return {
    excludes(rel, kind) {
      if (excluded.any.some((match) => match(rel))) return true
      if (kind === 'directory') return excluded.folders.some((match) => match(rel))
      return included !== undefined && !included.any.some((match) => match(rel))
    },
  }
}
