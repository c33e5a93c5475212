import { lstat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CopyJob } from '../../src/engine'
import type { ConflictAnswer, ConflictPolicy, ConflictQuestion } from '../../src/shared/job'
import { runJob, startRecorded, waitUntil, withTimeout } from '../helpers/job-run'
import { seededBytes } from '../helpers/pattern-file'
import { file, partialLookingNames, snapshotTree, writeTree, type TreeSpec } from '../helpers/tree'
import { useEngineSuite } from '../helpers/engine-suite'

const { engine, temp } = useEngineSuite()

const DAY = 86_400_000
const T = Date.UTC(2022, 5, 1, 10, 0, 0, 250)

/**
 * Builds `<src>/set` and `<dst>/set` from the specs and copies `<src>/set` into `<dst>` (so the two `set` folders
 * merge and same-named files conflict).
 */
async function copyOver(source: TreeSpec, existing: TreeSpec, onConflict?: ConflictPolicy, ask?: Asker) {
  const srcRoot = await temp.make('src')
  const dstRoot = await temp.make('dst')
  await writeTree(join(srcRoot, 'set'), source)
  await writeTree(join(dstRoot, 'set'), existing)
  const run = await runJob(
    engine,
    { sources: [join(srcRoot, 'set')], destination: dstRoot, onConflict },
    ask ? { onConflict: ask } : {},
  )
  const at = (name: string) => join(dstRoot, 'set', name)
  const src = (name: string) => join(srcRoot, 'set', name)
  return { ...run, at, src, read: (name: string) => readFile(at(name), 'utf8') }
}

type Asker = (question: ConflictQuestion, signal: AbortSignal) => Promise<ConflictAnswer>

const mtimeOf = async (path: string) => (await lstat(path)).mtimeMs

describe('conflict policy skip (the default)', () => {
  it('leaves existing files untouched, copies the rest and counts the skips', async () => {
    const run = await copyOver(
      { 'a.txt': 'new a', 'b.txt': 'new b', sub: { 'c.txt': 'new c', 'd.txt': 'new d' } },
      { 'a.txt': file('OLD a', { mtimeMs: T - DAY }), sub: { 'c.txt': file('OLD c', { mtimeMs: T - DAY }) } },
    )

    expect(run.summary).toMatchObject({ state: 'done', filesDone: 2, filesSkipped: 2, filesFailed: 0 })
    expect(await run.read('a.txt')).toBe('OLD a')
    expect(await run.read('sub/c.txt')).toBe('OLD c')
    expect(Math.abs((await mtimeOf(run.at('a.txt'))) - (T - DAY))).toBeLessThan(1)
    expect(await run.read('b.txt')).toBe('new b')
    expect(await run.read('sub/d.txt')).toBe('new d')
    expect(run.rec.resultFor(run.src('a.txt'))).toMatchObject({ status: 'skipped', skipReason: 'exists' })
    expect(run.rec.resultFor(run.src('sub/c.txt'))).toMatchObject({ status: 'skipped', skipReason: 'exists' })
    expect(run.rec.resultFor(run.src('b.txt'))).toMatchObject({ status: 'done' })
  })
})

describe('conflict policy overwrite', () => {
  it('replaces existing files completely, with the source mode and mtime', async () => {
    const run = await copyOver(
      {
        'shrinks.txt': file('short', { mode: 0o600, mtimeMs: T }),
        'grows.bin': file(seededBytes(300_000, 1), { mode: 0o755, mtimeMs: T + 1 }),
      },
      { 'shrinks.txt': seededBytes(100_000, 2), 'grows.bin': 'tiny' },
      'overwrite',
    )

    expect(run.summary).toMatchObject({ state: 'done', filesDone: 2, filesSkipped: 0 })
    expect(await readFile(run.at('shrinks.txt'), 'utf8')).toBe('short') // no tail of the old 100 kB left
    expect((await readFile(run.at('grows.bin'))).equals(seededBytes(300_000, 1))).toBe(true)
    const stats = await lstat(run.at('shrinks.txt'))
    expect((stats.mode & 0o777).toString(8)).toBe('600')
    expect(Math.abs(stats.mtimeMs - T)).toBeLessThan(1)
    expect([...(await snapshotTree(run.at('.'))).keys()]).toEqual(['grows.bin', 'shrinks.txt'])
  })
})

describe('conflict policy rename', () => {
  it('keeps both files as "name (1).ext", "name (2).ext", for names without extension and for dotfiles', async () => {
    const run = await copyOver(
      { 'report.txt': 'new report', 'photo.jpg': 'new photo', README: 'new readme', '.bashrc': 'new rc' },
      {
        'report.txt': 'old report',
        'photo.jpg': 'old photo',
        'photo (1).jpg': 'an older copy',
        README: 'old readme',
        '.bashrc': 'old rc',
      },
      'rename',
    )

    expect(run.summary).toMatchObject({ state: 'done', filesDone: 4, filesSkipped: 0 })
    const contents = Object.fromEntries(
      await Promise.all(
        [...(await snapshotTree(run.at('.'))).keys()].map(
          async (name) => [name, await run.read(name)] as const,
        ),
      ),
    )
    expect(contents).toEqual({
      'report.txt': 'old report',
      'report (1).txt': 'new report',
      'photo.jpg': 'old photo',
      'photo (1).jpg': 'an older copy',
      'photo (2).jpg': 'new photo',
      README: 'old readme',
      'README (1)': 'new readme',
      '.bashrc': 'old rc',
      '.bashrc (1)': 'new rc',
    })
    expect(run.rec.resultFor(run.src('photo.jpg'))).toMatchObject({
      status: 'done',
      dst: run.at('photo (2).jpg'),
    })
    expect(run.rec.resultFor(run.src('README'))).toMatchObject({ status: 'done', dst: run.at('README (1)') })
  })
})

describe('conflict policy newer', () => {
  it('overwrites only when the source is strictly newer', async () => {
    const run = await copyOver(
      {
        'src-newer.txt': file('new', { mtimeMs: T }),
        'src-older.txt': file('new', { mtimeMs: T }),
        'same-time.txt': file('new', { mtimeMs: T }),
        'no-conflict.txt': file('new', { mtimeMs: T }),
      },
      {
        'src-newer.txt': file('old', { mtimeMs: T - DAY }),
        'src-older.txt': file('old', { mtimeMs: T + DAY }),
        'same-time.txt': file('old', { mtimeMs: T }),
      },
      'newer',
    )

    expect(run.summary).toMatchObject({ state: 'done', filesDone: 2, filesSkipped: 2 })
    expect(await run.read('src-newer.txt')).toBe('new')
    expect(Math.abs((await mtimeOf(run.at('src-newer.txt'))) - T)).toBeLessThan(1)
    expect(await run.read('src-older.txt')).toBe('old')
    expect(await run.read('same-time.txt')).toBe('old')
    expect(await run.read('no-conflict.txt')).toBe('new')
    expect(run.rec.resultFor(run.src('src-older.txt'))).toMatchObject({
      status: 'skipped',
      skipReason: 'not-newer',
    })
    expect(run.rec.resultFor(run.src('same-time.txt'))).toMatchObject({
      status: 'skipped',
      skipReason: 'not-newer',
    })
  })
})

describe('conflict policy ask', () => {
  it('asks about each conflict and follows each answer (overwrite, skip, rename)', async () => {
    const questions: ConflictQuestion[] = []
    const answers: Record<string, ConflictAnswer['choice']> = {
      'a.txt': 'overwrite',
      'b.txt': 'skip',
      'c.txt': 'rename',
    }
    const run = await copyOver(
      { 'a.txt': file('new a', { mtimeMs: T }), 'b.txt': 'new b', 'c.txt': 'new c', 'd.txt': 'no conflict' },
      { 'a.txt': file('old a!', { mtimeMs: T - DAY }), 'b.txt': 'old b', 'c.txt': 'old c' },
      'ask',
      async (question) => {
        questions.push(question)
        const choice = answers[question.existing.path.split('/').pop() as string]
        if (!choice) throw new Error(`unexpected question about ${question.existing.path}`)
        return { choice, applyToAll: false }
      },
    )

    expect(questions).toHaveLength(3)
    const aQuestion = questions.find((question) => question.existing.path === run.at('a.txt'))
    expect(aQuestion).toMatchObject({
      source: { path: run.src('a.txt'), size: 5 },
      existing: { path: run.at('a.txt'), size: 6 },
    })
    expect(Math.abs((aQuestion?.source.mtimeMs ?? 0) - T)).toBeLessThan(1)
    expect(Math.abs((aQuestion?.existing.mtimeMs ?? 0) - (T - DAY))).toBeLessThan(1)
    expect(aQuestion?.name.endsWith('a.txt')).toBe(true)
    expect(new Set(questions.map((question) => question.conflictId)).size).toBe(3)

    expect(await run.read('a.txt')).toBe('new a')
    expect(await run.read('b.txt')).toBe('old b')
    expect(await run.read('c.txt')).toBe('old c')
    expect(await run.read('c (1).txt')).toBe('new c')
    expect(await run.read('d.txt')).toBe('no conflict')
    expect(run.rec.resultFor(run.src('b.txt'))).toMatchObject({
      status: 'skipped',
      skipReason: 'user-skipped',
    })
    expect(run.summary).toMatchObject({ state: 'done', filesDone: 3, filesSkipped: 1 })
  })

  it('stops asking after an answer with "apply to all"', async () => {
    let asked = 0
    const names = ['1.txt', '2.txt', '3.txt', '4.txt', '5.txt']
    const run = await copyOver(
      Object.fromEntries(names.map((name) => [name, `new ${name}`])),
      Object.fromEntries(names.map((name) => [name, `old ${name}`])),
      'ask',
      async () => {
        asked += 1
        return { choice: 'rename', applyToAll: true }
      },
    )

    expect(asked).toBe(1)
    expect(run.summary).toMatchObject({ state: 'done', filesDone: 5, filesSkipped: 0 })
    for (const name of names) {
      expect(await run.read(name)).toBe(`old ${name}`)
      expect(await run.read(name.replace('.txt', ' (1).txt'))).toBe(`new ${name}`)
    }
  })

  it('skips every conflict after "skip" with "apply to all"', async () => {
    let asked = 0
    const run = await copyOver(
      { 'x.txt': 'new x', 'y.txt': 'new y', 'z.txt': 'new z' },
      { 'x.txt': 'old x', 'y.txt': 'old y', 'z.txt': 'old z' },
      'ask',
      async () => {
        asked += 1
        return { choice: 'skip', applyToAll: true }
      },
    )

    expect(asked).toBe(1)
    expect(run.summary).toMatchObject({ state: 'done', filesDone: 0, filesSkipped: 3 })
    expect([await run.read('x.txt'), await run.read('y.txt'), await run.read('z.txt')]).toEqual([
      'old x',
      'old y',
      'old z',
    ])
  })

  it('behaves as skip when no one can be asked', async () => {
    const run = await copyOver({ 'a.txt': 'new', 'b.txt': 'new b' }, { 'a.txt': 'old' }, 'ask')

    expect(run.summary).toMatchObject({ state: 'done', filesDone: 1, filesSkipped: 1 })
    expect(await run.read('a.txt')).toBe('old')
  })

  it('keeps copying other files while a question waits for an answer', async () => {
    const srcRoot = await temp.make('src')
    const dstRoot = await temp.make('dst')
    const others = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`other-${i}.txt`, `other ${i}`]))
    await writeTree(join(srcRoot, 'set'), { 'conflict.txt': 'new', ...others })
    await writeTree(join(dstRoot, 'set'), { 'conflict.txt': 'old' })
    let doneWhileAsking = -1
    const started: { job?: CopyJob } = {}
    const filesDone = () => started.job?.progress().filesDone ?? 0

    const { job } = await startRecorded(
      engine,
      { sources: [join(srcRoot, 'set')], destination: dstRoot, onConflict: 'ask' },
      {
        onConflict: async () => {
          // Answer only once the 30 other files are done (or after 10 s, which fails the test below).
          doneWhileAsking = await waitUntil(() => filesDone() >= 30 && 30, 'the other files', 10_000).catch(
            filesDone,
          )
          return { choice: 'overwrite', applyToAll: false }
        },
      },
    )
    started.job = job
    const summary = await job.done

    expect(doneWhileAsking).toBe(30)
    expect(summary).toMatchObject({ state: 'done', filesDone: 31 })
    expect(await readFile(join(dstRoot, 'set', 'conflict.txt'), 'utf8')).toBe('new')
  })

  /** Starts a job whose only file conflicts and waits until the question is open; `ask` decides how it is answered. */
  async function openQuestion(ask: (signal: AbortSignal) => Promise<ConflictAnswer>) {
    const srcRoot = await temp.make('src')
    const dstRoot = await temp.make('dst')
    await writeTree(join(srcRoot, 'set'), { 'conflict.txt': 'new', sub: { 'other.txt': 'other' } })
    await writeTree(join(dstRoot, 'set'), { 'conflict.txt': 'old' })
    let questionSignal: AbortSignal | undefined
    const { job } = await startRecorded(
      engine,
      { sources: [join(srcRoot, 'set')], destination: dstRoot, onConflict: 'ask' },
      {
        onConflict: (_question, signal) => {
          questionSignal = signal
          return ask(signal)
        },
      },
    )
    const signal = await waitUntil(() => questionSignal, 'the question')
    return { job, signal, set: join(dstRoot, 'set') }
  }

  it('aborts an open question when the job is cancelled, and ends', async () => {
    // A well-behaved asker: it gives up (rejects) when the engine aborts the question.
    const { job, signal, set } = await openQuestion(
      (abort) =>
        new Promise<ConflictAnswer>((_, reject) =>
          abort.addEventListener('abort', () => reject(abort.reason)),
        ),
    )

    const summary = await withTimeout(job.cancel(), 10_000, 'cancel() with a conflict question open')

    expect(signal.aborted).toBe(true)
    expect(summary.state).toBe('cancelled')
    expect(await readFile(join(set, 'conflict.txt'), 'utf8')).toBe('old')
    expect(partialLookingNames(await snapshotTree(set))).toEqual([])
  })

  it('terminates at once even if the asker never answers nor listens to the abort', async () => {
    const { job, signal, set } = await openQuestion(() => new Promise<ConflictAnswer>(() => {}))

    const summary = await withTimeout(job.terminate(), 5_000, 'terminate() with an unanswered question')

    expect(signal.aborted).toBe(true)
    expect(summary.state).toBe('terminated')
    expect(await readFile(join(set, 'conflict.txt'), 'utf8')).toBe('old')
  })
})
