import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

// The runtime this bundles for: Electron 45 = Chromium 156 + Node 24 (docs/runtime.md).
// electron-vite 6 knows targets only up to Electron 44, so they are set here, not inferred.
const NODE_TARGET = 'node24'
const CHROME_TARGET = 'chrome156'

// Three bundles: main (ESM, native deps external), preload (one CommonJS file: a sandboxed
// preload cannot load ESM or require other files), renderer (the Vue app, routes lazy-loaded).
export default defineConfig({
  main: {
    build: {
      target: NODE_TARGET,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // electron-vite requires a node target for the preload (it runs beside Node's globals).
      target: NODE_TARGET,
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [vue()],
    build: {
      target: CHROME_TARGET,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
