import { describe, expect, it, vi } from 'vitest'
import type { FerryApi } from '../../../src/shared/ipc'
import { IPC_CHANNELS, JOB_EVENT_CHANNEL } from '../../../src/shared/ipc'

// The preload runs in Electron's sandbox; here `electron` is a recording stand-in.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const invoked: Array<[string, unknown]> = []
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const paths = new Map<object, string>()
  return {
    exposed,
    invoked,
    listeners,
    paths,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        invoked.push([channel, payload])
        return { ok: true, value: channel }
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        void listeners.get(channel)?.delete(listener),
    },
    webUtils: { getPathForFile: (file: object) => paths.get(file) ?? '' },
  }
})
vi.mock('electron', () => electron)
await import('../../../src/preload/index')
const ferry = electron.exposed.get('ferry') as FerryApi

describe('preload bridge', () => {
  it('exposes only window.ferry: typed verbs, no ipcRenderer and no generic send', () => {
    expect([...electron.exposed.keys()]).toEqual(['ferry'])
    expect(Object.keys(ferry).sort()).toEqual(
      [
        'shell',
        'start',
        'pause',
        'resume',
        'cancel',
        'terminate',
        'answerConflict',
        'pick',
        'list',
        'openDestination',
        'setLanguage',
        'skipFile',
        'setBandwidthLimit',
        'survey',
        'interrupted',
        'discardInterrupted',
        'pathForFile',
        'onJobEvent',
      ].sort(),
    )
    expect(ferry.shell).toBe('electron')
    for (const value of Object.values(ferry)) expect(value).not.toBe(electron.ipcRenderer)
  })

  it('sends each verb on its own channel with its payload', async () => {
    electron.invoked.length = 0
    const reply = { jobId: 'j', conflictId: 1, answer: { choice: 'skip' as const, applyToAll: false } }
    await ferry.start({ sources: ['/a'], destination: '/b' })
    await ferry.pause('j')
    await ferry.resume('j')
    await ferry.cancel('j')
    await ferry.terminate('j')
    await ferry.answerConflict(reply)
    await ferry.pick({ kind: 'folder', multiple: true })
    await ferry.list('/home')
    await ferry.list()
    await ferry.openDestination('j')
    await ferry.setLanguage('zh-CN')
    await ferry.skipFile('j', 3)
    await ferry.setBandwidthLimit('j', 1 << 20)
    await ferry.survey({ sources: ['/a'], destination: '/b' })
    await ferry.interrupted()
    await ferry.discardInterrupted('ab'.repeat(16))
    expect(electron.invoked).toEqual([
      ['job:start', { sources: ['/a'], destination: '/b' }],
      ['job:pause', { jobId: 'j' }],
      ['job:resume', { jobId: 'j' }],
      ['job:cancel', { jobId: 'j' }],
      ['job:terminate', { jobId: 'j' }],
      ['job:answer-conflict', reply],
      ['dialog:pick', { kind: 'folder', multiple: true }],
      ['fs:list', { path: '/home' }],
      ['fs:list', {}],
      ['job:open-destination', { jobId: 'j' }],
      ['app:set-language', { language: 'zh-CN' }],
      ['job:skip-file', { jobId: 'j', fileId: 3 }],
      ['job:set-bandwidth-limit', { jobId: 'j', bytesPerSecond: 1 << 20 }],
      ['job:survey', { sources: ['/a'], destination: '/b' }],
      ['job:interrupted', {}],
      ['job:discard-interrupted', { id: 'ab'.repeat(16) }],
    ])
    expect(new Set(electron.invoked.map(([channel]) => channel))).toEqual(new Set(IPC_CHANNELS))
  })

  it('delivers job events until unsubscribed', () => {
    const seen: unknown[] = []
    const unsubscribe = ferry.onJobEvent((event) => seen.push(event))
    const emit = (payload: unknown) => {
      for (const listener of electron.listeners.get(JOB_EVENT_CHANNEL) ?? []) listener({}, payload)
    }
    // One message per engine tick, carrying that tick's events in order.
    emit([
      { type: 'started', jobId: 'j' },
      { type: 'warning', jobId: 'j' },
    ])
    unsubscribe()
    emit([{ type: 'started', jobId: 'k' }])
    expect(seen).toEqual([
      { type: 'started', jobId: 'j' },
      { type: 'warning', jobId: 'j' },
    ])
    expect(electron.listeners.get(JOB_EVENT_CHANNEL)?.size).toBe(0)
  })

  it('gives a dropped file its path through webUtils, and null for a file not on disk', () => {
    const onDisk = {} as File
    electron.paths.set(onDisk, '/home/me/photo.jpg')
    expect(ferry.pathForFile(onDisk)).toBe('/home/me/photo.jpg')
    expect(ferry.pathForFile({} as File)).toBeNull()
  })
})
