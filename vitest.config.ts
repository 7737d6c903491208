import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Unit and integration tests. Node for shared/electron/headoffice; renderer test files opt into
// happy-dom with a `// @vitest-environment happy-dom` first line.
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // The core checks its answers against the contract too (electron/core/dispatch.ts); the
    // kiosk processes the end-to-end tests start inherit it.
    env: { KIOSK_CHECK_RESPONSES: '1' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['test/setup-storage.ts'],
  },
})
