import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { CopyJob } from '../../src/engine'
import { SignalHandler } from '../../src/cli/signals'
import type { SignalNotice } from '../../src/cli/render/reporter'
import { summary } from './fixtures'

function setup() {
  const source = new EventEmitter()
  const notices: SignalNotice[] = []
  const exits: number[] = []
  const calls: string[] = []
  const job = {
    cancel: async () => (calls.push('cancel'), summary({ state: 'cancelled' })),
    terminate: async () => (calls.push('terminate'), summary({ state: 'terminated' })),
  } as unknown as CopyJob
  const handler = new SignalHandler(
    source,
    (n) => notices.push(n),
    (code) => exits.push(code),
  )
  return { source, notices, exits, calls, job, handler }
}

describe('SignalHandler', () => {
  it('cancels on the first Ctrl-C, terminates on the second, exits on the third', () => {
    const { source, notices, exits, calls, job, handler } = setup()
    handler.attach(job)
    source.emit('SIGINT')
    expect(calls).toEqual(['cancel'])
    expect(notices[0]).toMatchObject({ signal: 'SIGINT', action: 'cancel' })
    expect(notices[0]?.message).toMatch(/Ctrl-C again/)
    source.emit('SIGINT')
    expect(calls).toEqual(['cancel', 'terminate'])
    expect(exits).toEqual([])
    source.emit('SIGINT')
    expect(exits).toEqual([130])
    expect(handler.firstSignal).toBe('SIGINT')
  })

  it('terminates at once on SIGTERM and remembers it for the exit code', () => {
    const { source, calls, job, handler } = setup()
    handler.attach(job)
    source.emit('SIGTERM')
    expect(calls).toEqual(['terminate'])
    expect(handler.firstSignal).toBe('SIGTERM')
  })

  it('applies a stop requested before the job existed as soon as it starts', () => {
    const { source, calls, job, handler } = setup()
    source.emit('SIGINT')
    expect(calls).toEqual([])
    handler.attach(job)
    expect(calls).toEqual(['cancel'])
  })

  it('stops listening when disposed', () => {
    const { source, handler } = setup()
    expect(source.listenerCount('SIGINT')).toBe(1)
    handler.dispose()
    expect(source.listenerCount('SIGINT')).toBe(0)
    expect(source.listenerCount('SIGTERM')).toBe(0)
    expect(source.listenerCount('SIGHUP')).toBe(0)
  })
})
