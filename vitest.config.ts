import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/engine/**/*.test.ts',
            'tests/main/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/packaging/**/*.test.ts',
            'tests/native/**/*.test.ts',
            'tests/durability/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Copy tests are disk-bound: running files in parallel on 2 cores only adds noise.
          fileParallelism: false,
        },
      },
      {
        // The engine suite again on the JS core (the default project runs the native core when it is built);
        // piscina's worker threads inherit process.env, so they load the same core.
        test: {
          name: 'engine-js',
          environment: 'node',
          include: ['tests/engine/**/*.test.ts'],
          // What does not depend on the core runs once, in the default project: the bounded queue and byte-path
          // units, pre-flight's planning and identity checks, the device probe.
          exclude: [
            'tests/engine/lib/**',
            'tests/engine/into-itself.test.ts',
            'tests/engine/preflight.test.ts',
            'tests/engine/device.test.ts',
            'tests/engine/commit-backpressure.test.ts',
            'tests/engine/destination-rules.test.ts',
            'tests/engine/native-fidelity.test.ts',
            // 1 GiB through the JS core's read/write loop: the byte loop is covered by the smaller tests here.
            'tests/engine/large.test.ts',
          ],
          env: { FERRY_CORE: 'js' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
