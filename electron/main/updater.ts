import type { AppUpdater } from 'electron-updater'
import {
  installDecision,
  routeOf,
  type InstallDecision,
  type KioskUpdates,
  type Logger,
  type VerifiedRelease,
} from '../core'

/** The part of electron-updater's `autoUpdater` the kiosk drives (a stand-in in tests). */
export type UpdaterLike = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
>

export interface ShellUpdaterDeps {
  updater: UpdaterLike
  /** The core's update checks (signed offer, downloaded hashes, sync state). */
  updates: KioskUpdates
  platform: 'linux' | 'win32'
  /** Seconds since the last input (Electron's `powerMonitor.getSystemIdleTime()`). */
  idleSeconds(): number
  /** The kiosk window's URL (`webContents.getURL()`), null when there is no window. */
  currentUrl(): string | null
  /** Whether the window keeps a half-done sale (a key of SALE_DRAFT_KEYS in its sessionStorage). */
  draftOpen(): Promise<boolean>
  logger: Logger
}

export type CheckOutcome = 'none' | 'ready' | 'refused' | 'failed'

/**
 * The kiosk's updater (docs/updates.md). A check asks head office (signed) which release this
 * kiosk gets; the core verifies the metadata's Ed25519 signature with the pinned key; only then
 * is electron-updater pointed at that release's folder, made to download it (never on its own)
 * and the files checked against the signed SHA-512. Installing waits for the "when to install"
 * rules: idle, no sale on screen, every event at head office.
 */
export function createShellUpdater(deps: ShellUpdaterDeps) {
  const { updater, updates, logger } = deps
  let ready: VerifiedRelease | null = null
  let checking: Promise<CheckOutcome> | null = null
  // Nothing happens behind the kiosk's back: no download without a verified offer, no install
  // at quit without the rules.
  updater.autoDownload = false
  updater.autoInstallOnAppQuit = false

  async function fetchAndVerify(): Promise<CheckOutcome> {
    let release: VerifiedRelease | null
    try {
      release = await updates.offer(deps.platform)
    } catch (error) {
      return refusedOrFailed(error)
    }
    if (!release) {
      ready = null
      return 'none'
    }
    if (ready?.version === release.version) return 'ready'
    ready = null
    updater.allowDowngrade = release.downgrade
    updater.setFeedURL({ provider: 'generic', url: release.feedUrl })
    try {
      const found = await updater.checkForUpdates()
      if (found?.updateInfo.version !== release.version) {
        logger.warn('update refused', {
          code: 'UPDATE_SIGNATURE_INVALID',
          signed: release.version,
          served: found?.updateInfo.version ?? null,
        })
        return 'refused'
      }
      const files = await updater.downloadUpdate()
      await updates.verifyDownloaded(release, files)
    } catch (error) {
      return refusedOrFailed(error)
    }
    ready = release
    logger.info('update ready', { version: release.version, downgrade: release.downgrade })
    return 'ready'
  }

  function refusedOrFailed(error: unknown): CheckOutcome {
    const code = (error as { code?: string }).code
    if (code === 'UPDATE_SIGNATURE_INVALID' || code === 'UPDATE_HASH_MISMATCH') {
      logger.warn('update refused', { code, message: (error as Error).message })
      return 'refused'
    }
    logger.warn('update check failed', { message: (error as Error).message })
    return 'failed'
  }

  return {
    /** One check (concurrent calls share it). */
    check(): Promise<CheckOutcome> {
      checking ??= fetchAndVerify().finally(() => (checking = null))
      return checking
    },
    /** The verified, downloaded release waiting to be installed. */
    pending: (): VerifiedRelease | null => ready,
    /** Installs the waiting release if the rules allow it now; says why not otherwise. */
    async installIfIdle(): Promise<InstallDecision | { install: false; reason: 'nothing' }> {
      if (!ready) return { install: false, reason: 'nothing' }
      const decision = installDecision({
        ...(await updates.conditions()),
        idleSeconds: deps.idleSeconds(),
        route: routeOf(deps.currentUrl()),
        draftOpen: await deps.draftOpen(),
      })
      if (decision.install) {
        logger.info('installing update', { version: ready.version })
        // Silent, and the kiosk starts again on the new version.
        updater.quitAndInstall(true, true)
      }
      return decision
    },
  }
}

export type ShellUpdater = ReturnType<typeof createShellUpdater>

/** Checks every `checkMs`, tries to install every `installMs`; returns a stop function. */
export function runUpdater(
  shell: ShellUpdater,
  timing: { checkMs: number; installMs: number },
): () => void {
  const check = setInterval(() => void shell.check(), timing.checkMs)
  const install = setInterval(() => void shell.installIfIdle(), timing.installMs)
  void shell.check()
  return () => {
    clearInterval(check)
    clearInterval(install)
  }
}
