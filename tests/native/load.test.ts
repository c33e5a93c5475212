/** Which core Ferry runs and why: FERRY_CORE, a missing build, and where the .node file is looked for. */
import { describe, expect, it } from 'vitest'
import { candidatePaths, loadCore } from '../../src/engine/native/load'
import { noNative, TempDirs } from './native-helpers'

describe('native core loader', () => {
  it('FERRY_CORE=js chooses the JS core and says so', () => {
    expect(loadCore({ FERRY_CORE: 'js' })).toEqual({ core: 'js', reason: 'FERRY_CORE=js' })
  })

  it('without a build it falls back to the JS core with the reason, and FERRY_CORE=native is a clear error', async () => {
    const temp = new TempDirs()
    const empty = await temp.make('nload')
    try {
      const choice = loadCore({}, empty)
      expect(choice.core).toBe('js')
      expect(choice.reason).toMatch(/no native core built/)
      expect(() => loadCore({ FERRY_CORE: 'native' }, empty)).toThrow(/FERRY_CORE=native.*npm run native/)
      expect(() => loadCore({ FERRY_CORE: 'fast' }, empty)).toThrow(/"js" or "native"/)
    } finally {
      await temp.cleanup()
    }
  })

  it('looks next to the bundle and, in a packaged app, under app.asar.unpacked first', () => {
    const paths = candidatePaths('/opt/Ferry/resources/app.asar/out/main')
    expect(
      paths.indexOf('/opt/Ferry/resources/app.asar.unpacked/native/build/Release/ferry_core.node'),
    ).toBeLessThan(paths.indexOf('/opt/Ferry/resources/app.asar/native/build/Release/ferry_core.node'))
    expect(paths).toContain('/opt/Ferry/resources/app.asar.unpacked/native/build/Release/ferry_core.node')
    expect(candidatePaths('/work/repo/out/main')).toContain('/work/repo/native/build/Release/ferry_core.node')
  })

  it.skipIf(noNative)('finds this checkout’s build from the sources and says where', () => {
    const choice = loadCore({})
    expect(choice.core).toBe('native')
    expect(choice.reason).toMatch(/native core found at .*ferry_core\.node/)
    expect(loadCore({ FERRY_CORE: 'native' }).reason).toMatch(/^FERRY_CORE=native/)
  })
})
