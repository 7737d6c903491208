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
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
