import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `npm start` on a machine that cannot fetch the Electron binary (a store's closed network, CI):
// it must explain what to do and stop, not crash or hang. The script runs for real, in a copy of
// the project's layout whose `electron` wrapper has no binary, against a download mirror on
// 127.0.0.1 that answers 404 (a proxy that refuses) or a port where nothing listens.
const root = resolve(__dirname, '../..')
let project: string
let mirror: Server
let mirrorUrl: string
const requested: string[] = []

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'kiosk-start-'))
  mkdirSync(join(project, 'scripts'))
  cpSync(join(root, 'scripts/start-electron.mjs'), join(project, 'scripts/start-electron.mjs'))
  const modules = join(project, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name !== 'electron' && name !== '.bin')
      symlinkSync(join(root, 'node_modules', name), join(modules, name))
  }
  // The wrapper as `npm ci` leaves it since Electron 42: JavaScript only, no dist/, no path.txt.
  cpSync(join(root, 'node_modules/electron'), join(modules, 'electron'), {
    recursive: true,
    filter: (src) => !/[\\/](dist|path\.txt)$/.test(src),
  })
  mirror = createServer((req, res) => {
    requested.push(req.url ?? '')
    res.writeHead(404).end('not here')
  })
  await new Promise<void>((done) => mirror.listen(0, '127.0.0.1', done))
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`
})

afterAll(() => {
  mirror.close()
  rmSync(project, { recursive: true, force: true })
})

function start(env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const child = spawn(process.execPath, ['scripts/start-electron.mjs'], {
      cwd: project,
      env: { ...process.env, electron_config_cache: join(project, 'cache'), ...env },
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('close', (code) => done({ code, out }))
  })
}

describe('npm start without the Electron binary', () => {
  it('tries the download once, then explains and exits 1 when the host refuses it', async () => {
    const { code, out } = await start({ ELECTRON_MIRROR: mirrorUrl })
    expect(code).toBe(1)
    expect(requested.some((url) => /electron-v45\.\d+\.\d+-/.test(url))).toBe(true)
    expect(out).toMatch(/The Electron 45\.\d+\.\d+ binary is not installed/)
    expect(out).toContain('npx install-electron && npm start')
    expect(out).toContain('npm run start:browser')
    // It stopped before building: no bundle was made in the copy.
    expect(readdirSync(project)).not.toContain('out')
  })

  it('explains the same way when nothing answers at all', async () => {
    const { code, out } = await start({ ELECTRON_MIRROR: 'http://127.0.0.1:9/' })
    expect(code).toBe(1)
    expect(out).toMatch(/download failed/)
    expect(out).toContain('npm run start:browser')
  })
})
