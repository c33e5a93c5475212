import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import type { Configuration } from 'electron-builder'
import yaml from 'js-yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OUT_DIR } from '../../scripts/icons'
import { ROOT } from './packaged-app'

/** electron-builder's own config loader and schema check (the ones `electron-builder` runs before building). */
interface BuilderConfigApi {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>
}
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
const builderConfig = builderRequire('app-builder-lib/out/util/config/config') as BuilderConfigApi
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

let config: Configuration
let raw: Record<string, unknown>

beforeAll(async () => {
  raw = yaml.load(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
  config = await builderConfig.getConfig(ROOT, null, null)
})

/** `target` entries of a platform section as `name → arches` (arches empty when the default is used). */
function targets(section: unknown): Map<string, string[]> {
  const list = (section as { target?: unknown[] } | undefined)?.target ?? []
  return new Map(
    list.map((t) =>
      typeof t === 'string' ? [t, []] : [(t as { target: string }).target, (t as { arch: string[] }).arch],
    ),
  )
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation, which does reject a misspelt option", async () => {
    await expect(builderConfig.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    const misspelt = { ...config, linux: { ...config.linux, tagret: ['deb'] } } as Configuration
    await expect(builderConfig.validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema[\s\S]*configuration\.linux/,
    )
  })

  it('builds AppImage + deb, NSIS (x64) and dmg for x64 and arm64', () => {
    expect([...targets(config.linux).keys()].sort()).toEqual(['AppImage', 'deb'])
    expect(Object.fromEntries(targets(config.win))).toEqual({ nsis: ['x64'] })
    expect(Object.fromEntries(targets(config.mac))).toEqual({ dmg: ['x64', 'arm64'] })
  })

  it('names the app Ferry with a reverse-DNS app id and takes the version from package.json', async () => {
    expect(config.productName).toBe('Ferry')
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/)
    expect(raw).not.toHaveProperty('extraMetadata')
    expect(raw).not.toHaveProperty('buildVersion')
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string
      license: string
    }
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(pkg.license).toBe('MIT')
  })

  it('registers no file associations or URL protocols on any platform', () => {
    const text = JSON.stringify(config)
    expect(text).not.toMatch(/"fileAssociations"|"protocols"/)
  })

  it('ships only the electron-vite output, package.json and the native core (production node_modules come from electron-builder)', () => {
    const include = (raw.files as string[]).filter((p) => !p.startsWith('!'))
    expect(include.sort()).toEqual(['native/build/Release/ferry_core.node', 'out/**/*', 'package.json'])
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(['**/*.node'])
  })

  it('points every platform at the icons scripts/icons.ts generates, and at the MIT LICENSE', async () => {
    const generated = relative(ROOT, DEFAULT_OUT_DIR).split('\\').join('/')
    expect(config.linux?.icon).toBe(`${generated}/png`)
    expect(config.win?.icon).toBe(`${generated}/icon.ico`)
    expect(config.mac?.icon).toBe(`${generated}/icon.icns`)
    expect(config.nsis?.license).toBe('LICENSE')
    const license = await readFile(join(ROOT, 'LICENSE'), 'utf8')
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Ferry maintainers\n/)
    expect(existsSync(join(ROOT, 'build', 'icon.svg'))).toBe(true)
  })

  it('flips the Electron fuses that keep the packaged app from being run as Node or loading code outside app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    })
    // The fuses need the app in an asar archive, or onlyLoadAppFromAsar would leave nothing to load.
    expect(config.asar).toBe(true)
  })

  it('is wired to npm scripts: icons, dist (installers for this OS) and dist:dir (unpacked app)', async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.icons).toBe('node --import tsx scripts/icons.ts')
    // Both build fresh bundles and icons first, and never publish from a developer's machine.
    expect(scripts.dist).toBe('npm run build && npm run icons && electron-builder --publish never')
    expect(scripts['dist:dir']).toBe('npm run build && npm run icons && electron-builder --dir')
  })
})
