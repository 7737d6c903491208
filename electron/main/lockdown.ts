import { APP_HOST, APP_SCHEME } from './protocol-paths'

/** Permissions the page may ever get: the camera, for scanning a receipt's QR code. */
const ALLOWED_PERMISSIONS = new Set(['media'])

interface NavigationEvent {
  preventDefault(): void
}

/** The parts of webContents the lock-down needs (an interface so tests can pass a fake). */
export interface LockableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (e: NavigationEvent, url: string) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (e: NavigationEvent) => void): unknown
}

export interface LockableSession {
  setPermissionRequestHandler(
    handler:
      | ((
          contents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: { requestingUrl?: string; mediaTypes?: string[] },
        ) => void)
      | null,
  ): void
  setPermissionCheckHandler(
    handler:
      | ((
          contents: unknown,
          permission: string,
          origin: string,
          details: { mediaType?: string },
        ) => boolean)
      | null,
  ): void
}

/** True for a URL served by our own app protocol. */
export function isAppUrl(url: string): boolean {
  try {
    // Compare scheme and host: for a custom scheme WHATWG URL reports origin "null".
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST
  } catch {
    return false
  }
}

/** No new windows, no navigation away from the app, no webviews. */
export function lockDownContents(
  contents: LockableContents,
  onBlocked: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked(url)
    return { action: 'deny' }
  })
  const block = (e: NavigationEvent, url: string) => {
    // In-app routing uses the hash/history API and never fires will-navigate; anything that
    // does is a link or a script trying to leave the kiosk.
    e.preventDefault()
    onBlocked(url)
  }
  contents.on('will-navigate', block)
  contents.on('will-redirect', block)
  contents.on('will-attach-webview', (e) => e.preventDefault())
}

/** Denies every permission except video capture from our own pages (QR scanning). */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const videoOnly = (details.mediaTypes ?? []).every((t) => t === 'video')
    callback(
      ALLOWED_PERMISSIONS.has(permission) && videoOnly && isAppUrl(details.requestingUrl ?? ''),
    )
  })
  session.setPermissionCheckHandler((_contents, permission, origin, details) => {
    return (
      ALLOWED_PERMISSIONS.has(permission) &&
      (details.mediaType === undefined || details.mediaType === 'video') &&
      isAppUrl(origin)
    )
  })
}
