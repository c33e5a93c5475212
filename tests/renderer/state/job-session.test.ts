import { describe, expect, it, vi } from 'vitest'
import { createJobSession } from '../../../src/renderer/src/state/job-session'
import { createFakeFerry } from '../helpers/fake-ferry'
import { fileResult, options, progress, question, started, summary } from '../helpers/fixtures'

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

async function startedSession() {
  const ferry = createFakeFerry()
  const session = createJobSession(ferry)
  const disconnect = session.connect()
  const accepted = session.start(options)
  ferry.emit(started())
  expect(await accepted).toBe(true)
  return { ferry, session, disconnect }
}

describe('createJobSession', () => {
  it('starts the job the form asked for and follows its events', async () => {
    const { ferry, session } = await startedSession()
    expect(ferry.start).toHaveBeenCalledWith(options)
    ferry.emit({ type: 'progress', progress: progress({ bytesDone: 7, bytesTotal: 10 }) })
    expect(session.getState()).toMatchObject({ phase: 'running', jobId: 'job-1', progress: { bytesDone: 7 } })
  })

  it("appends the current job's results to the store and ignores other jobs'", async () => {
    const { ferry, session } = await startedSession()
    ferry.emit({
      type: 'files',
      jobId: 'job-1',
      results: [fileResult(1), fileResult(2, { status: 'failed' })],
    })
    ferry.emit({ type: 'files', jobId: 'stale', results: [fileResult(3)] })
    expect(session.results.length).toBe(2)
    expect(session.results.count('failed')).toBe(1)
  })

  it('resolves false and keeps the reason when the engine refuses the start', async () => {
    const ferry = createFakeFerry()
    const error = { code: 'COPY_INTO_ITSELF' as const, message: 'Cannot copy a folder into itself' }
    vi.mocked(ferry.start).mockResolvedValueOnce({ ok: false, error })
    const session = createJobSession(ferry)
    expect(await session.start(options)).toBe(false)
    expect(session.getState()).toMatchObject({ phase: 'idle', startError: error })
  })

  it('turns a broken bridge into an error instead of hanging', async () => {
    const ferry = createFakeFerry()
    vi.mocked(ferry.start).mockRejectedValueOnce(new Error('socket closed'))
    const session = createJobSession(ferry)
    expect(await session.start(options)).toBe(false)
    expect(session.getState().startError?.message).toContain('socket closed')
  })

  it('sends each control verb with the job id and takes the summary cancel answers with', async () => {
    const { ferry, session } = await startedSession()
    session.pause()
    session.resume()
    await flush()
    expect(ferry.pause).toHaveBeenCalledWith('job-1')
    expect(ferry.resume).toHaveBeenCalledWith('job-1')
    session.cancel()
    await flush()
    expect(ferry.cancel).toHaveBeenCalledWith('job-1')
    expect(session.getState()).toMatchObject({ phase: 'finished', summary: { state: 'cancelled' } })
  })

  it('shows a failed control call as a notice', async () => {
    const { ferry, session } = await startedSession()
    vi.mocked(ferry.terminate).mockResolvedValueOnce({
      ok: false,
      error: { code: 'INTERNAL', message: 'nope' },
    })
    session.terminate()
    await flush()
    expect(session.getState().notice?.message).toBe('nope')
  })

  it('answers a conflict with the question ids and the choice', async () => {
    const { ferry, session } = await startedSession()
    const q = question({ conflictId: 4 })
    ferry.emit({ type: 'conflict', question: q })
    session.answerConflict(q, { choice: 'rename', applyToAll: true })
    expect(ferry.answerConflict).toHaveBeenCalledWith({
      jobId: 'job-1',
      conflictId: 4,
      answer: { choice: 'rename', applyToAll: true },
    })
    expect(session.getState().conflicts).toEqual([])
  })

  it('retries the failed files job by job with the original options, then clears the list for the retry', async () => {
    const { ferry, session } = await startedSession()
    ferry.emit({
      type: 'files',
      jobId: 'job-1',
      results: [
        fileResult(1, { status: 'failed', src: '/src/a/1', dst: '/dst/a/1' }),
        fileResult(2, { status: 'failed', src: '/src/b/2', dst: '/dst/b/2' }),
        fileResult(3),
      ],
    })
    ferry.emit({ type: 'finished', summary: summary({ filesFailed: 2 }) })
    vi.mocked(ferry.start).mockResolvedValueOnce({ ok: true, value: { jobId: 'job-2' } })
    const accepted = session.retryFailed()
    expect(session.results.length).toBe(0)
    expect(await accepted).toBe(true)
    expect(ferry.start).toHaveBeenLastCalledWith({
      sources: ['/src/a/1'],
      destination: '/dst/a',
      intoDestination: true,
      onConflict: 'skip',
      verify: false,
    })
    ferry.emit(started('job-2'))
    vi.mocked(ferry.start).mockResolvedValueOnce({ ok: true, value: { jobId: 'job-3' } })
    ferry.emit({ type: 'finished', summary: summary({ jobId: 'job-2', filesDone: 1 }) })
    expect(ferry.start).toHaveBeenLastCalledWith(
      expect.objectContaining({ sources: ['/src/b/2'], destination: '/dst/b', intoDestination: true }),
    )
    await flush()
    ferry.emit({ type: 'finished', summary: summary({ jobId: 'job-3', filesDone: 1 }) })
    expect(session.getState()).toMatchObject({ phase: 'finished', summary: { filesDone: 2 } })
  })

  it('stops listening when disconnected', async () => {
    const { ferry, disconnect } = await startedSession()
    disconnect()
    expect(ferry.listeners.size).toBe(0)
  })
})

describe('retry display names', () => {
  it("keeps each retried file's folder in its row name (the engine names it after the retried source)", async () => {
    const { ferry, session } = await startedSession()
    ferry.emit({
      type: 'files',
      jobId: 'job-1',
      results: [
        fileResult(1, {
          name: 'err/sub/locked.txt',
          status: 'failed',
          src: '/src/err/sub/locked.txt',
          dst: '/dst/err/sub/locked.txt',
        }),
        fileResult(2, {
          name: 'err/dir',
          kind: 'directory',
          status: 'failed',
          src: '/src/err/dir',
          dst: '/dst/err/dir',
        }),
      ],
    })
    ferry.emit({ type: 'finished', summary: summary({ filesFailed: 2 }) })
    vi.mocked(ferry.start).mockResolvedValueOnce({ ok: true, value: { jobId: 'job-2' } })
    expect(await session.retryFailed()).toBe(true)
    ferry.emit(started('job-2'))
    ferry.emit({
      type: 'files',
      jobId: 'job-2',
      results: [
        fileResult(3, { name: 'locked.txt', src: '/src/err/sub/locked.txt', dst: '/dst/err/sub/locked.txt' }),
        fileResult(4, {
          name: 'dir/inner.txt',
          src: '/src/err/dir/inner.txt',
          dst: '/dst/err/dir/inner.txt',
        }),
      ],
    })
    expect([0, 1].map((i) => session.results.row(i).name)).toEqual([
      'err/sub/locked.txt',
      'err/dir/inner.txt',
    ])
  })
})
