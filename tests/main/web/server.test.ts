import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type WebSocket from 'ws'
import { startWebShell, type WebShell } from '../../../src/main/web/server'
import { FakeEngine } from '../ipc/fake-engine'
import { type Client, get, openSocket } from './web-client'

let rendererDir: string
let shell: WebShell
let engine: FakeEngine
const sockets: WebSocket[] = []

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'ferry-web-'))
  await mkdir(join(rendererDir, 'assets'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {}')
})

afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true })
})

beforeEach(async () => {
  engine = new FakeEngine()
  shell = await startWebShell({ engine, rendererDir, maxMessageBytes: 64 * 1024 })
})

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  await shell.close()
})

const host = (): Record<string, string> => ({ Host: `127.0.0.1:${shell.port}` })
const socketUrl = (token = shell.token): string => `ws://127.0.0.1:${shell.port}/ws?token=${token}`

async function connect(): Promise<Client> {
  const client = await openSocket(socketUrl(), shell.origin)
  sockets.push(client.socket)
  return client
}

describe('web shell HTTP', () => {
  it('serves the page with the token, sets the token cookie, and sends security headers', async () => {
    const response = await get(shell.port, `/?token=${shell.token}`, host())
    expect(response.status).toBe(200)
    expect(response.body).toContain('<title>Ferry</title>')
    expect(response.headers['set-cookie']?.[0]).toBe(
      `ferry_token_${shell.port}=${shell.token}; Path=/; HttpOnly; SameSite=Strict`,
    )
    expect(response.headers['content-security-policy']).toContain("script-src 'self'")
    expect(response.headers['content-security-policy']).toContain(`connect-src ws://127.0.0.1:${shell.port}`)
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['x-frame-options']).toBe('DENY')
  })

  it('serves assets to the cookie alone (the page’s own requests carry no query)', async () => {
    const cookie = `ferry_token_${shell.port}=${shell.token}`
    const response = await get(shell.port, '/assets/app.js', { ...host(), Cookie: cookie })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it.each([
    ['no token', '/', {}],
    ['a wrong token', '/?token=wrong', {}],
    ['a token one character short', 'SHORT', {}],
    ['a wrong cookie', '/assets/app.js', { Cookie: 'ferry_token_PORT=wrong' }],
    ['another host name (DNS rebinding)', 'GOOD', { Host: 'evil.example:PORT' }],
    ['a cross-site fetch', 'GOOD', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a same-site fetch from another local port', 'GOOD', { 'Sec-Fetch-Site': 'same-site' }],
    ['a foreign Origin', 'GOOD', { Origin: 'http://127.0.0.1:1' }],
  ])('refuses a request with %s (403)', async (_label, path, extra: Record<string, string>) => {
    const url =
      path === 'GOOD' ? `/?token=${shell.token}` : path === 'SHORT' ? `/?token=${shell.token.slice(1)}` : path
    const headers = { ...host() }
    for (const [name, value] of Object.entries(extra))
      headers[name] = value.replace('PORT', String(shell.port))
    const response = await get(shell.port, url, headers)
    expect(response.status).toBe(403)
    expect(response.body).not.toContain('<title>')
  })

  it('answers 405 to other methods and 404 to files outside the renderer', async () => {
    expect((await get(shell.port, `/?token=${shell.token}`, host(), 'POST')).status).toBe(405)
    const outside = await get(shell.port, `/..%2f..%2fetc%2fpasswd?token=${shell.token}`, host())
    expect(outside.status).toBe(404)
    expect(outside.body).not.toContain('root:')
  })
})

describe('web shell WebSocket', () => {
  it.each([
    ['no token', () => socketUrl(''), () => shell.origin],
    ['a wrong token', () => socketUrl('x'.repeat(32)), () => shell.origin],
    ['no Origin', () => socketUrl(), () => undefined],
    ['a foreign Origin', () => socketUrl(), () => 'http://evil.example'],
    ['another local port as Origin', () => socketUrl(), () => `http://127.0.0.1:${shell.port + 1}`],
    ['the wrong path', () => socketUrl().replace('/ws', '/socket'), () => shell.origin],
  ])('refuses an upgrade with %s', async (_label, url, origin) => {
    await expect(openSocket(url(), origin())).rejects.toThrow('HTTP 403')
  })

  it('runs requests through the validated handlers and pushes job events', async () => {
    const client = await connect()
    const started = await client.call('job:start', { sources: ['/s'], destination: '/d' })
    expect(started).toEqual({ ok: true, value: { jobId: 'job-1' } })
    expect(engine.started).toEqual([{ sources: ['/s'], destination: '/d' }])
    await client.waitFor((m) => m.type === 'events' && m.events.some((e) => e.type === 'started'))
    expect(await client.call('job:start', { sources: ['relative'], destination: '/d' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await client.call('dialog:pick', { kind: 'folder', multiple: false })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    })
  })

  it('answers malformed messages with an error and keeps serving the connection', async () => {
    const client = await connect()
    const garbage = [
      'not json',
      '42',
      'null',
      '[]',
      '{"id":"1","channel":"job:start"}',
      '{"id":1}',
      '{"id":-1,"channel":"fs:list","payload":{}}',
    ]
    for (const text of garbage) client.socket.send(text)
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    await client.waitFor(
      () => client.messages.filter((m) => m.type === 'error').length === garbage.length + 1,
    )
    for (const message of client.messages)
      expect(message).toMatchObject({ type: 'error', error: { code: 'INVALID_INPUT' } })

    expect(await client.call('job:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await client.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await client.call('fs:list', { path: rendererDir })).toMatchObject({ ok: true })
  })

  it('refuses a message nested five million levels deep at once, and one with too many sources clearly', async () => {
    // The default message limit (16 MiB), which both messages are under.
    const big = await startWebShell({ engine, rendererDir })
    onTestFinished(() => big.close())
    const client = await openSocket(`ws://127.0.0.1:${big.port}/ws?token=${big.token}`, big.origin)
    const deep = `{"id":1,"channel":"job:start","payload":${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}}`
    const before = process.memoryUsage().rss
    const sentAt = performance.now()
    client.socket.send(deep)
    await client.waitFor((m) => m.type === 'error')
    // Without the depth check JSON.parse built the whole structure first: seconds, hundreds of MiB.
    expect(performance.now() - sentAt).toBeLessThan(5_000)
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20)
    expect(client.messages.at(-1)).toMatchObject({
      type: 'error',
      error: { message: expect.stringMatching(/nested deeper/) },
    })
    const many = Array.from({ length: 100_001 }, (_, i) => `/s/${i}`)
    const refused = await client.call('job:start', { sources: many, destination: '/d' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/at most 100000/) },
    })
    expect(engine.started).toEqual([])
    expect(await client.call('fs:list', { path: rendererDir })).toMatchObject({ ok: true })
  })

  it('closes only the connection that sends an oversized message; the server keeps serving', async () => {
    const client = await connect()
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)))
    client.socket.send(JSON.stringify({ id: 1, channel: 'fs:list', payload: { path: '/'.repeat(100_000) } }))
    expect(await closed).toBe(1009)
    const again = await connect()
    expect(await again.call('fs:list', { path: rendererDir })).toMatchObject({ ok: true })
  })

  it('replays the running job to a page that reconnects', async () => {
    const first = await connect()
    await first.call('job:start', { sources: ['/s'], destination: '/d' })
    first.socket.close()
    const second = await connect()
    const replayed = await second.waitFor((m) => m.type === 'events')
    expect(replayed).toMatchObject({ type: 'events', events: [{ type: 'started', jobId: 'job-1' }] })
  })

  it('cancels the running job when the shell closes', async () => {
    const client = await connect()
    await client.call('job:start', { sources: ['/s'], destination: '/d' })
    const job = engine.current!
    await shell.close()
    expect(job.calls).toEqual(['cancel'])
    shell = await startWebShell({ engine, rendererDir })
  })
})
