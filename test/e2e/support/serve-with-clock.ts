import { readFileSync } from 'node:fs'
import { runBrowserKiosk } from '../../../electron/bridge/browser-kiosk'

// The browser kiosk for end-to-end tests that move time (the PIN lock's expiry): the machine's
// clock plus an offset in milliseconds read from the file KIOSK_TEST_CLOCK_FILE names, read at
// every tick, so the test moves time by writing the file before its next click. This entry lives
// under test/, which no build or package includes (electron-builder.yml), and the product's
// entries (electron/main, electron/bridge/serve.ts) pass the real clock: production cannot
// turn it on.
const file = process.env.KIOSK_TEST_CLOCK_FILE
if (!file) throw new Error('KIOSK_TEST_CLOCK_FILE is required')
const offset = () => Number(readFileSync(file, 'utf8').trim() || '0')
await runBrowserKiosk(() => Date.now() + offset())
