import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src/main/electron/app-url'
import { FerryError } from '../../../src/engine'
import { registerIpcHandlers } from '../../../src/main/ipc/handlers'
import { createJobController } from '../../../src/main/ipc/job-controller'
import type { IpcChannel } from '../../../src/shared/ipc'
import { IPC_CHANNELS } from '../../../src/shared/ipc'
import { FakeEngine } from './fake-engine'
import { FakeTransport, TRUSTED_URL } from './fake-transport'

const GOOD: Record<IpcChannel, unknown> = {
  'job:start': {
    sources: ['/src/a', '/src/b'],
    destination: '/dest',
    onConflict: 'rename',
    verify: true,
    threads: 2,
  },
  'job:pause': { jobId: 'job-1' },
  'job:resume': { jobId: 'job-1' },
  'job:cancel': { jobId: 'job-1' },
  'job:terminate': { jobId: 'job-1' },
  'job:answer-conflict': { jobId: 'job-1', conflictId: 0, answer: { choice: 'skip', applyToAll: false } },
  'dialog:pick': { kind: 'folder', multiple: true, title: 'Add folder' },
  'fs:list': {},
  'job:open-destination': { jobId: 'job-1' },
  'app:set-language': { language: 'zh-CN' },
  'job:skip-file': { jobId: 'job-1', fileId: 3 },
  'job:set-bandwidth-limit': { jobId: 'job-1', bytesPerSecond: 20 * 2 ** 20 },
  'job:survey': { sources: ['/src/a'], destination: '/dest' },
  'job:interrupted': {},
  'job:discard-interrupted': { id: 'ab'.repeat(16) },
}

const start = { sources: ['/src/a'], destination: '/dest' }
const BAD: Record<IpcChannel, unknown[]> = {
  'job:start': [
    undefined,
    null,
    'job',
    [],
    {},
    { ...start, sources: [] },
    { ...start, sources: '/src/a' },
    { ...start, sources: [42] },
    { ...start, sources: ['relative/path'] },
    { ...start, sources: ['/src/a\0/etc/passwd'] },
    { ...start, sources: [''] },
    { ...start, destination: 'relative' },
    { ...start, destination: undefined },
    { ...start, onConflict: 'explode' },
    { ...start, verify: 'yes' },
    { ...start, threads: 0 },
    { ...start, threads: 1.5 },
    { ...start, threads: 1000 },
    { ...start, chunkSize: 1 },
    { ...start, chunkSize: Number.NaN },
    { ...start, __proto__: { polluted: true }, extra: 'key' },
  ],
  'job:pause': [undefined, {}, { jobId: '' }, { jobId: 5 }, { jobId: 'job-1', extra: 1 }, 'job-1'],
  'job:resume': [undefined, {}, { jobId: '' }, { jobId: null }],
  'job:cancel': [undefined, {}, { jobId: '' }, { jobId: ['job-1'] }],
  'job:terminate': [undefined, {}, { jobId: '' }, { jobId: 'x'.repeat(1000) }],
  'job:answer-conflict': [
    {},
    { jobId: 'job-1', conflictId: -1, answer: { choice: 'skip', applyToAll: false } },
    { jobId: 'job-1', conflictId: 0.5, answer: { choice: 'skip', applyToAll: false } },
    { jobId: 'job-1', conflictId: 0, answer: { choice: 'delete', applyToAll: false } },
    { jobId: 'job-1', conflictId: 0, answer: { choice: 'skip' } },
    { jobId: 'job-1', conflictId: 0 },
  ],
  'dialog:pick': [
    undefined,
    {},
    { kind: 'disk', multiple: true },
    { kind: 'folder' },
    { kind: 'folder', multiple: 'yes' },
    { kind: 'files', multiple: false, title: 'x'.repeat(500) },
  ],
  'fs:list': [undefined, null, { path: 'relative' }, { path: 5 }, { path: '/tmp', extra: 1 }, { path: '' }],
  'job:open-destination': [undefined, {}, { jobId: '' }, { jobId: 'j', path: '/etc' }, { path: '/etc' }],
  'app:set-language': [
    undefined,
    {},
    { language: 'fr' },
    { language: 'EN' },
    { language: 'zh-CN', x: 1 },
    'en',
  ],
  'job:skip-file': [
    undefined,
    { jobId: 'job-1' },
    { jobId: 'job-1', fileId: -1 },
    { jobId: 'job-1', fileId: 1.5 },
    { jobId: 'job-1', fileId: '3' },
    { jobId: 'job-1', fileId: 2 ** 40 },
    { jobId: '', fileId: 0 },
    { jobId: 'job-1', fileId: 0, path: '/etc/passwd' },
  ],
  'job:set-bandwidth-limit': [
    undefined,
    { jobId: 'job-1' },
    { jobId: 'job-1', bytesPerSecond: -1 },
    { jobId: 'job-1', bytesPerSecond: 10 },
    { jobId: 'job-1', bytesPerSecond: 1.5e6 + 0.5 },
    { jobId: 'job-1', bytesPerSecond: Number.POSITIVE_INFINITY },
    { jobId: 'job-1', bytesPerSecond: '20MiB/s' },
  ],
  'job:survey': [
    undefined,
    {},
    { ...start, sources: ['relative'] },
    { ...start, exclude: ['x'.repeat(5000)] },
    { ...start, extra: true },
  ],
  'job:interrupted': [undefined, { all: true }, 'x'],
  'job:discard-interrupted': [
    undefined,
    {},
    { id: '../../etc/passwd' },
    { id: 'AB'.repeat(16) },
    { id: 'ab'.repeat(17) },
  ],
}

let engine: FakeEngine
let transport: FakeTransport
let picks: unknown[]

beforeEach(() => {
  engine = new FakeEngine()
  transport = new FakeTransport()
  picks = []
  const jobs = createJobController(engine, (events) => transport.send(events))
  registerIpcHandlers(transport, {
    jobs,
    isTrustedSender: (sender) => isAppUrl(sender.url),
    pick: async (request) => {
      picks.push(request)
      return ['/picked/folder']
    },
  })
})

describe('IPC handlers', () => {
  it('registers one handler for every channel of the contract', () => {
    expect([...transport.handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort())
  })

  describe.each(IPC_CHANNELS)('%s', (channel) => {
    it.each(BAD[channel].map((payload) => [JSON.stringify(payload) ?? String(payload), payload]))(
      'answers INVALID_INPUT to %s and never reaches the engine',
      async (_label, payload) => {
        const result = await transport.call(channel, payload)
        expect(result.ok).toBe(false)
        if (result.ok) return
        expect(result.error.code).toBe('INVALID_INPUT')
        expect(result.error.message).toContain(`Invalid ${channel} request`)
        expect(engine.started).toEqual([])
        expect(picks).toEqual([])
      },
    )

    it.each([
      undefined,
      'https://evil.example/',
      'file:///tmp/page.html',
      'ferry://other/index.html',
      'not a url',
    ])('refuses a sender at %s with PERMISSION_DENIED before looking at the payload', async (url) => {
      const result = await transport.call(channel, GOOD[channel], { url })
      expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      expect(engine.started).toEqual([])
      expect(picks).toEqual([])
    })
  })

  it('starts a job with exactly the validated options', async () => {
    const result = await transport.call('job:start', GOOD['job:start'])
    expect(result).toEqual({ ok: true, value: { jobId: 'job-1' } })
    expect(engine.started).toEqual([GOOD['job:start']])
    await new Promise((resolve) => setImmediate(resolve)) // events leave a frame per engine tick
    expect(transport.events[0]).toMatchObject({ type: 'started', jobId: 'job-1' })
  })

  it('passes pause, resume, cancel and terminate to the job with that id', async () => {
    await transport.call('job:start', start)
    const job = engine.current!
    expect(await transport.call('job:pause', { jobId: job.id })).toEqual({ ok: true, value: null })
    expect(await transport.call('job:resume', { jobId: job.id })).toEqual({ ok: true, value: null })
    const cancelled = await transport.call('job:cancel', { jobId: job.id })
    expect(cancelled).toMatchObject({ ok: true, value: { jobId: job.id, state: 'cancelled' } })
    // The job has ended; a late Terminate still answers with its summary instead of failing.
    expect(await transport.call('job:terminate', { jobId: job.id })).toMatchObject({ ok: true })
    expect(job.calls).toEqual(['pause', 'resume', 'cancel', 'terminate'])

    await transport.call('job:start', start)
    const second = engine.current!
    const terminated = await transport.call('job:terminate', { jobId: second.id })
    expect(terminated).toMatchObject({ ok: true, value: { jobId: second.id, state: 'terminated' } })
  })

  it('passes skip-file and set-bandwidth-limit to the job with that id', async () => {
    await transport.call('job:start', start)
    const job = engine.current!
    expect(await transport.call('job:skip-file', { jobId: job.id, fileId: 7 })).toEqual({
      ok: true,
      value: { skipped: true },
    })
    expect(await transport.call('job:set-bandwidth-limit', { jobId: job.id, bytesPerSecond: 0 })).toEqual({
      ok: true,
      value: null,
    })
    await transport.call('job:set-bandwidth-limit', { jobId: job.id, bytesPerSecond: 5 << 20 })
    expect(job.calls).toEqual(['skip 7', 'limit 0', `limit ${5 << 20}`])
    const unknown = await transport.call('job:skip-file', { jobId: 'no-such-job', fileId: 1 })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('answers a control request for an unknown job with an error result', async () => {
    for (const channel of ['job:pause', 'job:resume', 'job:cancel', 'job:terminate'] as const) {
      const result = await transport.call(channel, { jobId: 'no-such-job' })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('turns engine refusals into error results with code, message and path', async () => {
    engine.refuseWith = new FerryError('SOURCE_MISSING', 'Source /src/a does not exist.', '/src/a')
    expect(await transport.call('job:start', start)).toEqual({
      ok: false,
      error: { code: 'SOURCE_MISSING', message: 'Source /src/a does not exist.', path: '/src/a' },
    })
    engine.refuseWith = undefined
    await transport.call('job:start', start)
    expect(await transport.call('job:start', start)).toMatchObject({
      ok: false,
      error: { code: 'JOB_RUNNING' },
    })
  })

  it('turns an unexpected exception into an INTERNAL error result', async () => {
    engine.refuseWith = new TypeError('boom')
    const result = await transport.call('job:start', start)
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    if (!result.ok) expect(result.error.message).toContain('boom')
  })

  it('sends a conflict event under ask and resolves the engine with the answer once', async () => {
    await transport.call('job:start', { ...start, onConflict: 'ask' })
    const job = engine.current!
    const question = {
      conflictId: 7,
      name: 'a.txt',
      source: { path: '/src/a/a.txt', size: 3, mtimeMs: 2 },
      existing: { path: '/dest/a/a.txt', size: 5, mtimeMs: 1 },
    }
    const answer = job.ask(question)
    expect(transport.events.at(-1)).toEqual({ type: 'conflict', question: { ...question, jobId: job.id } })

    const reply = { jobId: job.id, conflictId: 7, answer: { choice: 'rename', applyToAll: true } }
    expect(await transport.call('job:answer-conflict', reply)).toEqual({ ok: true, value: null })
    await expect(answer).resolves.toEqual({ choice: 'rename', applyToAll: true })
    expect(await transport.call('job:answer-conflict', reply)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('calls the native picker with the validated request', async () => {
    expect(await transport.call('dialog:pick', GOOD['dialog:pick'])).toEqual({
      ok: true,
      value: ['/picked/folder'],
    })
    expect(picks).toEqual([GOOD['dialog:pick']])
  })

  it('answers dialog:pick with UNSUPPORTED where there is no native picker (web shell)', async () => {
    const web = new FakeTransport()
    registerIpcHandlers(web, { jobs: createJobController(engine, () => {}), isTrustedSender: () => true })
    expect(await web.call('dialog:pick', GOOD['dialog:pick'])).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    })
  })

  describe('fs:list', () => {
    let root: string
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'ferry-list-'))
    })
    afterEach(async () => {
      await rm(root, { recursive: true, force: true })
    })

    it('lists folders first, then files, in natural order, with the parent', async () => {
      await mkdir(join(root, 'b-folder'))
      await mkdir(join(root, 'A-folder'))
      for (const name of ['file 10.txt', 'file 2.txt']) await writeFile(join(root, name), 'x')
      const result = await transport.call('fs:list', { path: root })
      expect(result).toEqual({
        ok: true,
        value: {
          path: root,
          parent: tmpdir(),
          entries: [
            { name: 'A-folder', path: join(root, 'A-folder'), kind: 'directory' },
            { name: 'b-folder', path: join(root, 'b-folder'), kind: 'directory' },
            { name: 'file 2.txt', path: join(root, 'file 2.txt'), kind: 'file' },
            { name: 'file 10.txt', path: join(root, 'file 10.txt'), kind: 'file' },
          ],
        },
      })
    })

    it('lists the home folder when no path is given, and / has no parent', async () => {
      expect(await transport.call('fs:list', {})).toMatchObject({ ok: true, value: { path: homedir() } })
      expect(await transport.call('fs:list', { path: '/' })).toMatchObject({
        ok: true,
        value: { parent: null },
      })
    })

    it('answers a missing folder or a file with an error naming the path', async () => {
      const missing = join(root, 'missing')
      expect(await transport.call('fs:list', { path: missing })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', path: missing },
      })
      await writeFile(join(root, 'file'), 'x')
      expect(await transport.call('fs:list', { path: join(root, 'file') })).toMatchObject({
        ok: false,
        error: { code: 'NOT_A_DIRECTORY' },
      })
    })
  })

  it('accepts requests from the app protocol and, in development, the dev server', () => {
    expect(isAppUrl(TRUSTED_URL)).toBe(true)
    expect(isAppUrl('ferry://app/')).toBe(true)
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})
