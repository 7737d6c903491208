import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, safeStorage, session } from 'electron'
import { autoUpdater } from 'electron-updater'
import { SALE_DRAFT_KEYS } from '../../shared/sale-drafts'
import {
  DEMO_STAFF,
  createKioskCore,
  createSafeStorageSecretStore,
  loadOrCreateSecret,
  type KioskCore,
  tradeInPartnerFromEnv,
} from '../core'
import { registerContract } from './ipc'
import { isAppUrl, lockDownContents, lockDownSession } from './lockdown'
import { createShellLogger, shellLogDir } from './logging'
import { createSystemPrinter } from './printing'
import { registerAppScheme, serveRenderer } from './protocol'
import { APP_ORIGIN } from './protocol-paths'
import { lockDownShell, shellPolicy } from './shell-policy'
import { createShellUpdater, runUpdater } from './updater'
import { kioskWindowOptions } from './window-options'

// Flags: --training (training database and business date); in development only, --kiosk (the
// fullscreen kiosk instead of a window). The packaged app is always the locked kiosk.
const policy = shellPolicy({ isPackaged: app.isPackaged, argv: process.argv })
const training = process.argv.includes('--training')

// Every file this process creates is private to the kiosk's user (docs/security.md), including
// those libraries create after start (electron-log's rotated logs, Chromium's own files), which the
// core's ensurePrivateDir/makeTreePrivate would only fix at the next start.
process.umask(0o077)
registerAppScheme()
// Indian conventions in Chromium's own widgets (date pickers show dd/mm/yyyy).
app.commandLine.appendSwitch('lang', 'en-IN')

if (!app.requestSingleInstanceLock()) {
  // A second launch (a double tap on the icon) focuses the running kiosk instead.
  app.quit()
} else {
  let core: KioskCore | null = null
  let window: BrowserWindow | null = null
  let stopUpdater: (() => void) | null = null
  const logger = createShellLogger()

  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, (url) => logger.warn('blocked navigation', { url }))
  })

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    lockDownSession(session.defaultSession)
    const resources = app.isPackaged ? process.resourcesPath : join(__dirname, '../../resources')
    core = await createKioskCore({
      dataDir,
      clock: Date.now,
      bundledCatalogPath: join(resources, 'catalog/demo-catalog.json'),
      // KIOSK_STORE/KIOSK_CODE fix the identity in development only; a kiosk is otherwise set up
      // from a one-time head-office code on its first start (docs/fleet.md#provisioning).
      storeCode: process.env.KIOSK_STORE ?? 'MH01',
      kioskCode: process.env.KIOSK_CODE ?? 'K1',
      identitySource: process.env.KIOSK_STORE
        ? 'fixed'
        : process.argv.includes('--demo')
          ? 'demo'
          : 'provisioned',
      appVersion: app.getVersion(),
      logger,
      logDir: shellLogDir(),
      training,
      // The KYC hashing key is encrypted with the OS keychain before it touches the disk.
      kycKey: loadOrCreateSecret(join(dataDir, 'kyc-key.bin'), {
        encode: (secret) => safeStorage.encryptString(secret.toString('base64')),
        decode: (stored) => Buffer.from(safeStorage.decryptString(stored), 'base64'),
      }),
      seedStaff: process.argv.includes('--no-demo-staff') ? [] : DEMO_STAFF,
      // Development checks every answer against the contract too; a packaged kiosk does not.
      ...(app.isPackaged ? {} : { checkResponses: true }),
      // Thermal printers are raw TCP inside the core; A4, driver printers and PDFs need Chromium.
      systemPrinter: createSystemPrinter(),
      // The trade-in partner's quote API (TRADE_IN_PARTNER_URL …); none: the offline grid.
      tradeInPartner: tradeInPartnerFromEnv(process.env),
      // Head office: URL from HEADOFFICE_URL until a manager sets one; the kiosk secret is kept
      // encrypted with the OS keychain (safeStorage), never in clear on disk.
      sync: {
        baseUrl: process.env.HEADOFFICE_URL || undefined,
        // The certificate QR's public plan page, when customers reach head office elsewhere.
        publicPlanUrl: process.env.HEADOFFICE_PUBLIC_URL || undefined,
        secretStore: createSafeStorageSecretStore(
          join(dataDir, 'headoffice-secret.bin'),
          safeStorage,
        ),
      },
      // Updates from head office's feed (docs/updates.md): a packaged kiosk only, checked every
      // 30 minutes, installed when idle, with no sale open and every event at head office.
      updates: {
        ready: (updates) => {
          if (!app.isPackaged || (process.platform !== 'linux' && process.platform !== 'win32'))
            return
          const shell = createShellUpdater({
            updater: autoUpdater,
            updates,
            platform: process.platform,
            idleSeconds: () => powerMonitor.getSystemIdleTime(),
            currentUrl: () => window?.webContents.getURL() ?? null,
            draftOpen: async () =>
              window
                ? Boolean(
                    await window.webContents.executeJavaScript(
                      `${JSON.stringify(SALE_DRAFT_KEYS)}.some((k) => sessionStorage.getItem(k) !== null)`,
                    ),
                  )
                : false,
            logger,
          })
          stopUpdater = runUpdater(shell, { checkMs: 30 * 60_000, installMs: 60_000 })
        },
      },
    })
    registerContract(ipcMain, core.dispatch, isAppUrl)
    serveRenderer(join(__dirname, '../renderer'))

    window = new BrowserWindow(
      kioskWindowOptions({
        windowed: policy.windowed,
        devTools: policy.devTools,
        preloadPath: join(__dirname, '../preload/index.cjs'),
      }),
    )
    lockDownShell(policy, Menu, window.webContents, (what) =>
      logger.warn('blocked shortcut', { what }),
    )
    window.once('ready-to-show', () => window?.show())
    await window.loadURL(`${APP_ORIGIN}/index.html`)
    logger.info('kiosk started', { dataDir, training })
  })

  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    stopUpdater?.()
    void core?.close()
  })
}
