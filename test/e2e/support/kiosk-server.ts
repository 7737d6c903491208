import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface RunningKiosk {
  url: string
  dataDir: string
  stop(): Promise<void>
}

// import.meta.url rather than __dirname: the bench runs this file under tsx as an ES module.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Starts the browser-mode kiosk (`electron/bridge/serve.ts`, what `npm run start:browser` runs
 * after building) as its own process on a free port with a fresh data directory, and waits for
 * it to print its URL. The renderer must have been built (`npm run test:e2e` builds it).
 */
export async function startKiosk(
  options: {
    training?: boolean
    args?: string[]
    /** Start with no identity (the setup screen, docs/fleet.md#provisioning); else MH01/K1 fixed. */
    unprovisioned?: boolean
    clockFile?: string
    /** More environment for the kiosk process (e.g. the trade-in partner's URL and key). */
    env?: Record<string, string>
  } = {},
): Promise<RunningKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
  // With `clockFile`, the test-only entry whose clock the test moves (support/serve-with-clock.ts).
  const entry = options.clockFile
    ? join(ROOT, 'test/e2e/support/serve-with-clock.ts')
    : join(ROOT, 'electron/bridge/serve.ts')
  const args = [
    join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
    entry,
    '--port',
    '0',
    '--data-dir',
    dataDir,
    ...(options.training ? ['--training'] : []),
    ...(options.unprovisioned ? [] : ['--store', 'MH01', '--kiosk', 'K1']),
    ...(options.args ?? []),
  ]
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(options.clockFile ? { KIOSK_TEST_CLOCK_FILE: options.clockFile } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /Kiosk running at (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`kiosk exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}
