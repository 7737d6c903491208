import type { KioskApi } from '../../../shared/ipc'
import { createBrowserModeApi } from './http-client'

let api: KioskApi | null = null

/** The kiosk API: Electron's `window.kiosk` when present, else the HTTP bridge. Same type. */
export function kiosk(): KioskApi {
  api ??= window.kiosk ?? createBrowserModeApi()
  return api
}

/** Replaces the API (component and store tests). */
export function setKioskApi(next: KioskApi): void {
  api = next
}
