import { defineConfig } from 'vitest/config'

// chDB allows one engine (one data directory) per process, so every test file runs in its own forked
// process and opens its own temporary data directory (test/helpers/app.ts). The global setup builds the
// dashboard first when needed: the browser tests drive the built files.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
