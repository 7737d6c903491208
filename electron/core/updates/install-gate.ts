/**
 * When a downloaded update may be installed (docs/updates.md#when-a-kiosk-installs). Installing
 * restarts the app, so it must never cut a sale short nor leave the day's events on the kiosk
 * alone: a kiosk installs only when nobody has touched it for a while, no sale is open on screen
 * and every event is at head office.
 */

/** Screens (the renderer's hash routes) where no sale or case is open. */
export const SALE_FREE_ROUTES = ['/home', '/signin'] as const

/** How long the kiosk must have been untouched (keyboard, touch, scanner) before it installs. */
export const INSTALL_IDLE_SECONDS = 10 * 60

export interface InstallConditions {
  /** Seconds since the last input on the machine (Electron's powerMonitor). */
  idleSeconds: number
  /** The renderer's current route (`/home`, `/enroll`…), or null when no window is showing. */
  route: string | null
  /** A half-done sale is kept in the window (shared/sale-drafts.ts), whatever the route. */
  draftOpen: boolean
  /** Events in the outbox not yet accepted by head office. */
  pendingEvents: number
  /** Sync is configured (a kiosk without head office has no events to wait for). */
  syncConfigured: boolean
  /** The last sync attempt's error, if it failed. */
  lastSyncError: { code: string } | null
}

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'busy' | 'sale-open' | 'events-unsent' | 'sync-failing' }

/** The route part of a renderer URL (`app://kiosk/index.html#/enroll?x=1` → `/enroll`). */
export function routeOf(url: string | null): string | null {
  if (!url) return null
  const hash = url.indexOf('#')
  if (hash < 0) return '/'
  const path = url.slice(hash + 1).split('?')[0] ?? ''
  return path.startsWith('/') ? path : `/${path}`
}

/** The rules, in the order a manager would ask about them. */
export function installDecision(c: InstallConditions): InstallDecision {
  if (c.idleSeconds < INSTALL_IDLE_SECONDS) return { install: false, reason: 'busy' }
  const route = c.route ?? '/home'
  const saleFree = SALE_FREE_ROUTES.some((r) => route === r || route === '/')
  if (!saleFree || c.draftOpen) return { install: false, reason: 'sale-open' }
  if (c.syncConfigured && c.pendingEvents > 0) return { install: false, reason: 'events-unsent' }
  // An empty outbox with a failing sync may still hide events written since the last attempt.
  if (c.syncConfigured && c.lastSyncError) return { install: false, reason: 'sync-failing' }
  return { install: true }
}
