import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The head-office console (docs/console.md): its own Vite build, served by head office under
// /console from out/console. Screens are lazy routes; Chart.js only loads with the dashboard.
export default defineConfig({
  root: resolve(__dirname, 'headoffice/console'),
  base: '/console/',
  plugins: [vue()],
  build: {
    target: 'es2022',
    outDir: resolve(__dirname, 'out/console'),
    emptyOutDir: true,
    // test/bench/console.ts reads it to find what the first screens load.
    manifest: true,
  },
})
