import { defineConfig } from 'vitest/config'

// End-to-end tests: a real kiosk process (browser mode) and Debian's Chromium via Playwright.
// One file at a time: they start servers and browsers and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    // The core checks its answers against the contract too (electron/core/dispatch.ts); the
    // kiosk processes the end-to-end tests start inherit it.
    env: { KIOSK_CHECK_RESPONSES: '1' },
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
