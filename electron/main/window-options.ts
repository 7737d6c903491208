import type { BrowserWindowConstructorOptions } from 'electron'

export interface KioskWindowFlags {
  /** `--windowed`: a normal window for development and support staff. */
  windowed: boolean
  /** DevTools can open at all only in development (electron/main/shell-policy.ts). */
  devTools: boolean
  preloadPath: string
}

/**
 * The kiosk window's options. Everything that keeps the page away from Node is fixed here, not
 * configurable: isolation, sandbox, no node integration, no webview, no remote content.
 */
export function kioskWindowOptions(flags: KioskWindowFlags): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    kiosk: !flags.windowed,
    fullscreen: !flags.windowed,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6fa',
    title: 'Smart Upgrade Kiosk',
    webPreferences: {
      preload: flags.preloadPath,
      devTools: flags.devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  }
}
