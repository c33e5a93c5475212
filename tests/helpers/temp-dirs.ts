import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Temporary folders of one test file, all under `os.tmpdir()`. `cleanup()` removes every folder it made, even ones
 * whose modes deny access (the tests run as root), so a test file leaves nothing behind.
 */
export class TempDirs {
  private readonly made: string[] = []

  /** A new empty folder whose name starts with `ferry-test-<label>-`. */
  async make(label: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `ferry-test-${label}-`))
    this.made.push(dir)
    return dir
  }

  /** Removes every folder made so far. */
  async cleanup(): Promise<void> {
    const dirs = this.made.splice(0)
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  }
}
