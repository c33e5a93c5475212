import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const ROOT = dirname(fileURLToPath(import.meta.url))

/**
 * Which layer may import which (the way VS Code states its layers): a file may import its own layer and the
 * layers listed for it, nothing else. Longest prefix wins. See docs/ARCHITECTURE.md, "Layers".
 */
const LAYERS = {
  'src/shared': [],
  'src/engine': ['src/shared'],
  'src/cli': ['src/shared', 'src/engine'],
  'src/main/ipc': ['src/shared', 'src/engine'],
  'src/main/web': ['src/shared', 'src/engine', 'src/main/ipc'],
  'src/main/electron': ['src/shared', 'src/engine', 'src/cli', 'src/main/ipc', 'src/main/web'],
  'src/preload': ['src/shared'],
  'src/renderer': ['src/shared'],
}
/**
 * The engine's doors: its index for everything, and the worker entry, which bundlers must see as a module of its
 * own (`copy-worker?modulePath`). The engine's own tests may reach inside.
 */
const ENGINE = 'src/engine'
const ENGINE_DOORS = new Set([
  'src/engine',
  'src/engine/index',
  'src/engine/index.ts',
  'src/engine/worker/copy-worker',
])

function layerOf(path) {
  let best
  for (const layer of Object.keys(LAYERS)) {
    if ((path === layer || path.startsWith(`${layer}/`)) && (!best || layer.length > best.length))
      best = layer
  }
  return best
}

const layerRule = {
  meta: { type: 'problem', schema: [], messages: { layer: '{{detail}}' } },
  create(context) {
    const from = relative(ROOT, context.filename).split('\\').join('/')
    const fromLayer = layerOf(from)
    const insideEngine =
      from.startsWith(`${ENGINE}/`) || from.startsWith('tests/engine/') || from.startsWith('tests/native/')
    function check(node) {
      const spec = node.source && node.source.value
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const target = relative(ROOT, resolve(dirname(context.filename), spec.split('?')[0]))
        .split('\\')
        .join('/')
      const toLayer = layerOf(target)
      if (!toLayer) return
      if (toLayer === ENGINE && !insideEngine && !ENGINE_DOORS.has(target)) {
        context.report({
          node: node.source,
          messageId: 'layer',
          data: { detail: `Import the engine through its door (src/engine/index.ts), not ${target}.` },
        })
        return
      }
      if (!fromLayer || toLayer === fromLayer || LAYERS[fromLayer].includes(toLayer)) return
      const allowed = LAYERS[fromLayer].join(', ') || 'nothing'
      context.report({
        node: node.source,
        messageId: 'layer',
        data: { detail: `${fromLayer} may import ${allowed}; not ${toLayer} (${target}).` },
      })
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { ferry: { rules: { layers: layerRule } } },
    rules: {
      'ferry/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Everything but the Electron shell and the preload is plain Node: it runs under the CLI, the web shell and the
    // tests, where Electron is absent.
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/main/ipc/**/*.ts', 'src/main/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src/main/electron and src/preload import Electron.' }] },
      ],
    },
  },
  {
    // One contract: src/shared holds types, constants and pure functions, usable from every process.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron'],
          patterns: [{ group: ['node:*'], message: 'src/shared must not import Node modules.' }],
        },
      ],
    },
  },
  {
    // Raw ipcRenderer lives in the preload only; the renderer uses window.ferry.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*'] }],
    },
  },
)
