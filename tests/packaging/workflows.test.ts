/**
 * The GitHub Actions workflows cannot run here, so these tests hold them to what they promise: valid YAML, the three
 * OSes, Node 20, the project's real npm scripts in the right order, and release uploads that match the installers
 * electron-builder.yml produces.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './packaged-app'

interface Step {
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
}
interface Job {
  'runs-on'?: string
  uses?: string
  needs?: string | string[]
  container?: { image: string }
  strategy?: { matrix: { os?: string[] } }
  permissions?: Record<string, string>
  steps?: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  env?: Record<string, string>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

const load = async (name: string): Promise<Workflow> =>
  yaml.load(await readFile(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow

let ci: Workflow
let release: Workflow
let scripts: Record<string, string>

beforeAll(async () => {
  ci = await load('ci.yml')
  release = await load('release.yml')
  scripts = (
    JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts
})

/** The runner labels a job runs on, with `${{ matrix.os }}` expanded. */
function runners(job: Job): string[] {
  const runsOn = job['runs-on'] ?? ''
  return runsOn.includes('matrix.os') ? (job.strategy?.matrix.os ?? []) : [runsOn]
}

/** All `run:` scripts of a job, in order. */
const runs = (job: Job): string[] => (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []))

/** Index of the first step whose command matches, or -1. */
const stepIndex = (job: Job, pattern: RegExp): number => runs(job).findIndex((r) => pattern.test(r))

describe('.github/workflows/ci.yml', () => {
  it('runs on pushes to main, pull requests, and when release.yml calls it', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call'])
    expect(ci.on.push).toEqual({ branches: ['main'] })
    expect(ci.permissions).toEqual({ contents: 'read' })
  })

  it('tests on Linux, Windows and macOS with Node 20, never downloading Electron for the tests', () => {
    const testJobs = Object.values(ci.jobs).filter((job) => stepIndex(job, /^npm test$|vitest run/) >= 0)
    const oses = testJobs.flatMap(runners)
    expect(oses.some((os) => os.startsWith('ubuntu'))).toBe(true)
    expect(oses.some((os) => os.startsWith('windows'))).toBe(true)
    expect(oses.some((os) => os.startsWith('macos'))).toBe(true)
    for (const job of testJobs) {
      const setupNode = job.steps?.find((s) => s.uses?.startsWith('actions/setup-node@'))
      const nodeVersion = job.container ? job.container.image : String(setupNode?.with?.['node-version'])
      expect(nodeVersion).toMatch(/^(node:)?20\b/)
    }
    expect(ci.env?.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe('1')
  })

  it('runs npm ci, lint, typecheck, build and test in that order in every test job', () => {
    const order = [
      /^npm ci\b/,
      /^npm run lint$/,
      /^npm run typecheck$/,
      /^npm run build$/,
      /^npm test$|vitest run/,
    ]
    for (const [name, job] of Object.entries(ci.jobs)) {
      if (stepIndex(job, order[4]!) < 0) continue
      const positions = order.map((pattern) => stepIndex(job, pattern))
      expect(positions, name).not.toContain(-1)
      expect(positions, name).toEqual([...positions].sort((a, b) => a - b))
    }
  })

  it('installs Chromium (for e2e) only in the Linux job, and runs the e2e project only there', () => {
    for (const [name, job] of Object.entries(ci.jobs)) {
      const linux = runners(job).every((os) => os.startsWith('ubuntu'))
      const installsChromium = runs(job).some((r) => /apt-get install[^\n]*\bchromium\b/.test(r))
      const runsAllProjects = runs(job).includes('npm test')
      if (installsChromium || runsAllProjects) expect(linux, name).toBe(true)
    }
    expect(runs(ci.jobs.linux!)).toContain('npm test')
  })

  it('packages the app with the real Electron on each OS and smoke-runs the engine from app.asar', () => {
    const smoke = Object.values(ci.jobs).find((job) => stepIndex(job, /packaged-smoke/) >= 0)
    expect(smoke).toBeDefined()
    expect(
      runners(smoke!)
        .map((os) => os.split('-')[0])
        .sort(),
    ).toEqual(['macos', 'ubuntu', 'windows'])
    const build = stepIndex(smoke!, /^npm run dist:dir$/)
    expect(build).toBeGreaterThanOrEqual(0)
    expect(build).toBeLessThan(stepIndex(smoke!, /packaged-smoke/))
  })
})

describe('.github/workflows/release.yml', () => {
  it('runs only for version tags, after the whole CI workflow passes', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } })
    expect(release.jobs.ci?.uses).toBe('./.github/workflows/ci.yml')
    expect(release.jobs.installers?.needs).toBe('ci')
    expect(release.jobs.publish?.needs).toBe('installers')
  })

  it('builds installers on Linux, Windows and macOS with `npm run dist`, after checking the tag is the version', () => {
    const job = release.jobs.installers!
    expect(
      runners(job)
        .map((os) => os.split('-')[0])
        .sort(),
    ).toEqual(['macos', 'ubuntu', 'windows'])
    const tagCheck = stepIndex(job, /package\.json[\s\S]*GITHUB_REF_NAME/)
    expect(tagCheck).toBeGreaterThanOrEqual(0)
    expect(tagCheck).toBeLessThan(stepIndex(job, /^npm run dist$/))
  })

  it('uploads every installer electron-builder.yml targets, and attaches them with write access only there', async () => {
    const config = yaml.load(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      { target: Array<string | { target: string }> }
    >
    const extensionOf: Record<string, string> = { AppImage: 'AppImage', deb: 'deb', nsis: 'exe', dmg: 'dmg' }
    const targetNames = ['linux', 'win', 'mac'].flatMap((os) =>
      config[os]!.target.map((t) => (typeof t === 'string' ? t : t.target)),
    )
    const upload = release.jobs.installers!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
    const paths = String(upload?.with?.path).trim().split('\n')
    for (const target of targetNames) expect(paths, target).toContain(`release/*.${extensionOf[target]}`)

    expect(release.permissions).toEqual({ contents: 'read' })
    expect(release.jobs.publish?.permissions).toEqual({ contents: 'write' })
    const attach = release.jobs.publish!.steps!.find((s) =>
      s.uses?.startsWith('softprops/action-gh-release@'),
    )
    expect(attach?.with?.files).toBe('installers/*')
  })
})

describe('both workflows', () => {
  it('call only npm scripts and repository scripts that exist, and pin every action to a version', async () => {
    for (const workflow of [ci, release]) {
      for (const job of Object.values(workflow.jobs)) {
        for (const run of runs(job)) {
          for (const [, script] of run.matchAll(/npm run ([\w:-]+)/g))
            expect(scripts, run).toHaveProperty(script!)
          for (const [file] of run.matchAll(/scripts\/[\w./-]+\.\w+/g))
            expect(existsSync(join(ROOT, file)), file).toBe(true)
        }
        for (const step of job.steps ?? [])
          if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/)
        if (job.uses) expect(existsSync(join(ROOT, job.uses))).toBe(true)
      }
    }
  })
})
