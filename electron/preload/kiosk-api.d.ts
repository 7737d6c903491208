import type { KioskApi } from '../../shared/ipc'

declare global {
  interface Window {
    /** Present inside the Electron app; absent in browser mode (the HTTP bridge is used). */
    kiosk?: KioskApi
  }
}

export {}
