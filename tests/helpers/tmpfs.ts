import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A mounted tmpfs, or why none could be mounted (so a test can skip with that reason). */
export type TmpfsMount =
  { ok: true; dir: string; unmount: () => Promise<void> } | { ok: false; reason: string }

/**
 * Mounts a tmpfs of `sizeBytes` on the existing folder `dir`. Needs root (or CAP_SYS_ADMIN); when the mount is not
 * permitted the result says why instead of throwing. `unmount()` is lazy (`-l`) so a stray open file cannot leave a
 * mount behind after the tests.
 */
export async function mountTmpfs(dir: string, sizeBytes: number): Promise<TmpfsMount> {
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir])
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error)
    return { ok: false, reason: `cannot mount a tmpfs on ${dir} (needs root): ${detail}` }
  }
  return { ok: true, dir, unmount: () => run('umount', ['-l', dir]).then(() => undefined) }
}
