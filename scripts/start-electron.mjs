// `npm start`: build, then launch Electron. Where the Electron binary is missing (it is
// downloaded by electron's postinstall, which a closed network or
// ELECTRON_SKIP_BINARY_DOWNLOAD prevents), explain and point to browser mode instead.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
let binary = null
try {
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (existsSync(pathFile)) {
    const candidate = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    if (existsSync(candidate)) binary = candidate
  }
} catch {
  binary = null
}

if (!binary) {
  process.stderr.write(
    [
      'The Electron binary is not installed, so the desktop kiosk cannot start.',
      'npm downloads it when the `electron` package installs; that download fails on a machine',
      'without access to GitHub releases, or was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1.',
      'Fix it with `npx install-electron` or `node node_modules/electron/install.js` where the',
      'network allows, or run the same kiosk in a browser instead:',
      '',
      '    npm run start:browser',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
// better-sqlite3 is built for Node by `npm install`; Electron needs it built for its own ABI.
run('npx', ['electron-builder', 'install-app-deps'])
run('npx', ['electron-vite', 'preview', '--', ...process.argv.slice(2)])
