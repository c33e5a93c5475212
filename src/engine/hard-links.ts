/**
 * Hard links inside the source stay linked in the copy (as `cp -a` and `rsync -aH` keep them). Owns, for files whose
 * link count is above one (only those: memory stays bounded by the linked files, not the tree), the first name
 * seen of each (dev, ino) — the leader, copied as a file — and the later names waiting for it. When the leader's
 * copy is committed, each follower becomes a link to it: `link()` creates the name atomically onto a complete file,
 * so a final name still never holds a partial one. If the leader is not copied (failed, skipped, cancelled), its
 * followers are released as ordinary copies: a lost link, never a lost file.
 */
import fs from 'node:fs'
import { toFerryError } from './errors'
import { type BytePath, displayPath, fsPath, parentPath } from './lib/byte-path'
import { type CopyItem, type ItemOutcome, partialName, type WorkerConflictPolicy } from './protocol'

interface Group {
  leader: number
  /** Set once the leader is committed: where followers link to. */
  target?: BytePath
  followers: CopyItem[]
}

/** What the job does with a follower's outcome, and with followers released as copies. */
export interface HardLinkHost {
  requeue(items: CopyItem[]): Promise<void>
  settle(item: CopyItem, outcome: ItemOutcome): void
  policy(item: CopyItem): WorkerConflictPolicy
  jobToken: string
  /** Move: a follower's source name goes once its link is durable at the destination. */
  move?: boolean
}

export class HardLinks {
  private readonly groups = new Map<string, Group>()
  private readonly byLeader = new Map<number, Group>()

  constructor(private readonly host: HardLinkHost) {}

  /**
   * Called for each file with more than one link. False for the first name of its (dev, ino), which becomes the
   * leader and is copied as a file; true for a later name, which the caller must then {@link hold}.
   */
  isFollower(item: CopyItem): boolean {
    const key = `${item.dev}:${item.ino}`
    if (this.groups.has(key)) return true
    const created: Group = { leader: item.id, followers: [] }
    this.groups.set(key, created)
    this.byLeader.set(item.id, created)
    return false
  }

  /** Takes a follower: linked at once when its leader is already committed, otherwise when it is. */
  hold(item: CopyItem): void {
    const group = this.groups.get(`${item.dev}:${item.ino}`)!
    if (group.target !== undefined) void this.link(item, group.target)
    else group.followers.push(item)
  }

  /** Every settled item passes here: a leader's outcome releases its followers. */
  settled(item: CopyItem, outcome: ItemOutcome): void {
    const group = this.byLeader.get(item.id)
    if (!group || outcome.status === 'conflict') return
    this.byLeader.delete(item.id)
    const followers = group.followers
    group.followers = []
    if (outcome.status === 'done') {
      group.target = outcome.dst ?? item.dst
      for (const follower of followers) void this.link(follower, group.target)
      return
    }
    // Not copied: the next name becomes the leader (copied as a file), the rest wait for it.
    const [next, ...rest] = followers
    if (!next) return
    group.leader = next.id
    group.followers = rest
    this.byLeader.set(next.id, group)
    void this.host.requeue([next]).catch(() => this.host.settle(next, { id: next.id, status: 'not-started' }))
  }

  /** Followers still waiting (cancel, terminate): they will not start. */
  drain(): CopyItem[] {
    const held: CopyItem[] = []
    for (const group of this.byLeader.values()) held.push(...group.followers.splice(0))
    return held
  }

  private async link(item: CopyItem, target: BytePath): Promise<void> {
    const outcome = await linkFollower(item, target, this.host.policy(item), this.host.jobToken)
    if (this.host.move && outcome.status === 'done') await removeFollowerSource(item, outcome)
    this.host.settle(item, outcome)
  }
}

/** Makes `item.dst` a hard link to `target`, minding what exists there under `policy`. */
async function linkFollower(
  item: CopyItem,
  target: BytePath,
  policy: WorkerConflictPolicy,
  jobToken: string,
): Promise<ItemOutcome> {
  const { id, dst } = item
  try {
    await fs.promises.link(fsPath(target), fsPath(dst))
    return { id, status: 'done', bytes: 0 }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || policy !== 'overwrite') {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        return { id, status: 'skipped', dst, reason: 'exists' }
      const data = toFerryError(error, displayPath(dst), 'linking').toData()
      return { id, status: 'failed', dst, bytes: 0, error: data }
    }
  }
  // Overwrite: link under a temporary name, then rename over the old file (atomic, as for copies).
  const temp = partialName(parentPath(dst), jobToken, id)
  try {
    await fs.promises.link(fsPath(target), fsPath(temp))
    await fs.promises.rename(fsPath(temp), fsPath(dst))
    return { id, status: 'done', bytes: 0 }
  } catch (error) {
    await fs.promises.rm(fsPath(temp), { force: true }).catch(() => undefined)
    const data = toFerryError(error, displayPath(dst), 'linking').toData()
    return { id, status: 'failed', dst, bytes: 0, error: data }
  }
}

/**
 * Move: a follower is linked at the destination; its folder is flushed (the link is durable), then its source name
 * is removed if it is still a name of the same file (dev, ino). Otherwise the outcome says why it was kept.
 */
async function removeFollowerSource(
  item: CopyItem,
  outcome: Extract<ItemOutcome, { status: 'done' }>,
): Promise<void> {
  const where = displayPath(item.src)
  try {
    const folder = await fs.promises.open(fsPath(parentPath(outcome.dst ?? item.dst)), 'r')
    await folder.sync().finally(() => folder.close())
  } catch {
    // Best effort, as commit.ts: some filesystems cannot flush a folder.
  }
  try {
    const st = await fs.promises.lstat(fsPath(item.src))
    if (!st.isFile() || st.dev !== item.dev || st.ino !== item.ino) {
      const message = `${where} changed after it was copied, so it was kept at the source; move it again to move it.`
      outcome.sourceKept = { code: 'SOURCE_CHANGED', message, path: where }
      return
    }
    await fs.promises.unlink(fsPath(item.src))
    outcome.moved = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    outcome.sourceKept = toFerryError(error, where, 'removing the moved source', 'source').toData()
  }
}
