import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { consoleAtScale } from './console-data'
import type { BenchResult } from './run'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const out = join(root, 'out/console')

type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>

/** A chunk and everything it imports statically (what the browser fetches before it runs). */
function closure(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key]
  if (!chunk || into.has(chunk.file)) return
  into.add(chunk.file)
  for (const dep of chunk.imports ?? []) closure(manifest, dep, into)
}

/**
 * The JavaScript a person downloads to sign in and see the dashboard (gzip, as served): the
 * entry with its preloads, plus the sign-in and dashboard routes' chunks (Chart.js included).
 */
function initialJsGzipKb(): number {
  const manifest = JSON.parse(readFileSync(join(out, '.vite/manifest.json'), 'utf8')) as Manifest
  const files = new Set<string>()
  for (const key of ['index.html', 'src/views/SignIn.vue', 'src/views/DashboardView.vue']) {
    if (!manifest[key]) throw new Error(`${key} is not in the console's build manifest`)
    closure(manifest, key, files)
  }
  let bytes = 0
  for (const file of files) bytes += gzipSync(readFileSync(join(out, file))).length
  return Math.round((bytes / 1024) * 10) / 10
}

/**
 * The `console` suite (issue 21): the console's initial JavaScript, freshly built; then head
 * office on PostgreSQL with 1,000,000 plans (console-data.ts): plan search p99 and the
 * dashboard's liability through the console's own API with a signed-in session.
 */
export async function run(): Promise<BenchResult[]> {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.console.config.ts'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  )
  const bundle: BenchResult = {
    metric: 'console.initial_js_gzip_kb',
    value: initialJsGzipKb(),
    unit: 'KiB',
    target: '<= 300',
  }
  return [bundle, ...(await consoleAtScale())]
}
