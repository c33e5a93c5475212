import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

export default defineConfig({
  main: {
    build: {
      // zod is ~80 ESM files: bundled, it costs one parse instead of that many opens at every CLI start.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        // The CLI is bundled with the main process so both load the same copy-worker bundle
        // (resolved through `?modulePath`), and `bin.ferry` points at out/main/cli.js.
        input: {
          index: resolve('src/main/electron/main.ts'),
          cli: resolve('src/cli/index.ts'),
          // The web shell: the renderer in a browser over a token-guarded WebSocket (`npm run web`, e2e tests).
          web: resolve('src/main/web/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves bundles unminified; the renderer is the one worth shrinking (738 kB → ~330 kB).
      minify: true,
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), tailwindcss()],
  },
})
