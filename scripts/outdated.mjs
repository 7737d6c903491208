// `npm run outdated`: what is behind, and why where it is held back on purpose.
// How an upgrade is gated (lockfile, the whole test suite, the benchmarks): docs/runtime.md.
import { spawnSync } from 'node:child_process'

// Held back deliberately; each reason says what would lift it. Keep in step with docs/runtime.md.
const HELD_BACK = {
  typescript: 'TypeScript 7 (the Go port) is not yet supported by vue-tsc',
  eslint: 'ESLint 10: eslint-plugin-vue and typescript-eslint configs not yet verified on it',
  '@eslint/js': 'moves with eslint',
  'vue-router': 'vue-router 5 changes the route typing; a renderer-wide change of its own',
  pinia: 'Pinia 4: store API changes; a renderer-wide change of its own',
  nodemailer: 'nodemailer 8–10 change transport options used by head office notifications',
  '@types/nodemailer': 'moves with nodemailer',
  '@types/node': 'stays on the major of the Node that Electron embeds (24)',
  '@types/better-sqlite3': 'no typings published for better-sqlite3 13 beyond the 7.6 line in use',
  'happy-dom': 'happy-dom 21: renderer unit tests not yet verified on it',
}

const r = spawnSync('npm', ['outdated', '--json'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
})
const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => String(v).split(/[.-]/).slice(0, 3).map(Number))
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) > (y[i] ?? 0)
  return false
}
// npm lists a package whose installed version is above its registry's `latest` tag too: skip it.
const rows = Object.entries(JSON.parse(r.stdout || '{}')).filter(
  ([, v]) => !v.current || newer(v.latest, v.current),
)
if (rows.length === 0) {
  console.log('Every dependency is at its newest version.')
  process.exit(0)
}
const table = rows.map(([name, v]) => ({
  package: name,
  current: v.current ?? '(missing)',
  wanted: v.wanted,
  latest: v.latest,
  note: HELD_BACK[name] ?? (v.current === v.wanted ? 'new major: review' : 'update within range'),
}))
console.table(table)
