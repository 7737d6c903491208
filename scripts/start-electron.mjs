// `npm start`: build, then launch Electron.
//
// Since Electron 42 the `electron` package has no postinstall download: `npm ci` installs only the
// JavaScript wrapper, and the binary is fetched on first run (or by `npx install-electron`). This
// script fetches it here, once, with a time limit, so that a machine that cannot reach Electron's
// download host (a store's closed network, CI) gets an explanation and a way forward instead of a
// stack trace. See docs/runtime.md.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))

/** The installed binary's path, or null (the wrapper's own layout: path.txt names it under dist/). */
function installedBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

function explainAndExit(reason) {
  process.stderr.write(
    [
      '',
      `The Electron ${version} binary is not installed, so the desktop kiosk cannot start.`,
      reason,
      '',
      "The binary comes from Electron's GitHub releases (or the mirror set in ELECTRON_MIRROR).",
      'Where that is reachable, fetch it once and start again:',
      '',
      '    npx install-electron && npm start',
      '',
      'On a network that cannot reach it, run the same kiosk in a browser instead (nothing to download):',
      '',
      '    npm run start:browser',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

if (!installedBinary()) {
  process.stdout.write(`Fetching the Electron ${version} binary (first start only)…\n`)
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
    encoding: 'utf8',
  })
  if (fetched.status !== 0 || !installedBinary()) {
    const detail = String(fetched.stderr ?? '')
      .split('\n')
      .find((line) => /Error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|status/i.test(line))
    explainAndExit(
      fetched.error?.code === 'ETIMEDOUT'
        ? `The download did not finish within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes.`
        : `The download failed${detail ? ` (${detail.trim()})` : ''}: this machine could not reach` +
            ' the download host, or the host refused the file.',
    )
  }
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
// better-sqlite3 13 is a Node-API module with prebuilt binaries: the same file loads in Node and
// in Electron, so nothing is rebuilt for Electron's ABI any more.
run('npx', ['electron-vite', 'preview', '--', ...process.argv.slice(2)])
