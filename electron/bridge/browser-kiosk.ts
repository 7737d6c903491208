import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  DEMO_STAFF,
  createFileLogger,
  createFileSecretStore,
  createKioskCore,
  ensurePrivateDir,
  loadOrCreateSecret,
  makeTreePrivate,
  tradeInPartnerFromEnv,
} from '../core'
import { startBridge } from './server'

/**
 * Browser kiosk mode: the same core as the Electron app, served over HTTP on 127.0.0.1 with the
 * built renderer. Used where the Electron binary is missing (`serve.ts`, `npm run start:browser`,
 * always on the real clock), and by the end-to-end tests (whose own entry in test/e2e/support
 * may pass a clock they move: that entry is not part of any build).
 */
export async function runBrowserKiosk(clock: () => number): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.KIOSK_PORT ?? '5180' },
      'data-dir': {
        type: 'string',
        default: process.env.KIOSK_DATA_DIR ?? join(root, '.kiosk-data'),
      },
      training: { type: 'boolean', default: false },
      'no-demo-staff': { type: 'boolean', default: false },
      // Development and tests only: a fixed identity. A kiosk is otherwise set up with a one-time
      // code from head office on its first start (docs/fleet.md#provisioning), or runs the demo.
      store: { type: 'string', default: process.env.KIOSK_STORE ?? '' },
      kiosk: { type: 'string', default: process.env.KIOSK_CODE ?? '' },
      demo: { type: 'boolean', default: false },
      headoffice: { type: 'string', default: process.env.HEADOFFICE_URL ?? '' },
    },
  })

  const dataDir = resolve(values['data-dir'])
  // The data directory and everything in it: 0700 / 0600, existing files included.
  ensurePrivateDir(dataDir)
  makeTreePrivate(dataDir)
  const logger = createFileLogger({ dir: join(dataDir, 'logs') })
  const core = await createKioskCore({
    dataDir,
    clock,
    bundledCatalogPath: join(root, 'resources/catalog/demo-catalog.json'),
    // The demo store's codes stand in until a setup (and are the demo's own).
    storeCode: values.store || 'MH01',
    kioskCode: values.kiosk || 'K1',
    identitySource: values.store ? 'fixed' : values.demo ? 'demo' : 'provisioned',
    appVersion: process.env.npm_package_version ?? '0.0.0',
    logger,
    training: values.training,
    // Browser mode keeps its secret in a 0600 file (no OS keychain outside Electron).
    kycKey: loadOrCreateSecret(join(dataDir, 'kyc-key.bin')),
    // Until head office sends the store's staff, a new kiosk gets the demo staff (README).
    seedStaff: values['no-demo-staff'] ? [] : DEMO_STAFF,
    // The trade-in partner's quote API (TRADE_IN_PARTNER_URL …); none: the offline grid.
    tradeInPartner: tradeInPartnerFromEnv(process.env),
    // Head office (optional): the kiosk secret a manager enters once lives in a 0600 file here.
    sync: {
      baseUrl: values.headoffice || undefined,
      // The certificate QR's public plan page, when customers reach head office elsewhere.
      publicPlanUrl: process.env.HEADOFFICE_PUBLIC_URL || undefined,
      secretStore: createFileSecretStore(join(dataDir, 'headoffice-secret')),
    },
  })
  const bridge = await startBridge({
    dispatch: core.dispatch,
    logger,
    rendererDir: join(root, 'out/renderer'),
    port: Number(values.port),
  })
  logger.info('browser kiosk started', { url: bridge.url, dataDir })
  process.stdout.write(`Kiosk running at ${bridge.url}\nData directory: ${dataDir}\n`)

  const stop = async () => {
    await bridge.close()
    await core.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
