import { describe, expect, it } from 'vitest'
import {
  isAppUrl,
  lockDownContents,
  lockDownSession,
  type LockableContents,
  type LockableSession,
} from '../../../electron/main/lockdown'

function fakeContents() {
  const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>()
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null
  const contents: LockableContents = {
    setWindowOpenHandler: (h) => {
      openHandler = h
    },
    on: ((event: string, listener: (e: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(event, listener)
    }) as LockableContents['on'],
  }
  const fire = (event: string, url?: string) => {
    let prevented = false
    listeners.get(event)!({ preventDefault: () => (prevented = true) }, url)
    return prevented
  }
  return { contents, fire, open: (url: string) => openHandler!({ url }) }
}

describe('web contents lock-down', () => {
  it('denies new windows and blocks navigation away, reporting the URL', () => {
    const blocked: string[] = []
    const f = fakeContents()
    lockDownContents(f.contents, (url) => blocked.push(url))
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(f.fire('will-redirect', 'http://127.0.0.1:1/')).toBe(true)
    expect(f.fire('will-attach-webview')).toBe(true)
    expect(blocked).toEqual([
      'https://evil.example/',
      'https://evil.example/',
      'http://127.0.0.1:1/',
    ])
  })
})

describe('permission lock-down', () => {
  function fakeSession() {
    let request: Parameters<LockableSession['setPermissionRequestHandler']>[0] = null
    let check: Parameters<LockableSession['setPermissionCheckHandler']>[0] = null
    const session: LockableSession = {
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    }
    lockDownSession(session)
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) =>
        request!({}, permission, resolve, { requestingUrl, mediaTypes }),
      )
    return {
      ask,
      check: (p: string, origin: string, mediaType?: string) =>
        check!({}, p, origin, { mediaType }),
    }
  }

  it('allows the camera to our own page only', async () => {
    const s = fakeSession()
    expect(await s.ask('media', 'kiosk://app/index.html', ['video'])).toBe(true)
    expect(await s.ask('media', 'kiosk://app/index.html', ['audio'])).toBe(false)
    expect(await s.ask('media', 'https://evil.example/', ['video'])).toBe(false)
    expect(s.check('media', 'kiosk://app', 'video')).toBe(true)
    expect(s.check('media', 'kiosk://app', 'audio')).toBe(false)
  })

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'midi',
    'openExternal',
    'hid',
    'serial',
  ])('denies %s', async (permission) => {
    const s = fakeSession()
    expect(await s.ask(permission, 'kiosk://app/index.html')).toBe(false)
    expect(s.check(permission, 'kiosk://app')).toBe(false)
  })

  it('recognises app URLs exactly', () => {
    expect(isAppUrl('kiosk://app/index.html#/quote')).toBe(true)
    expect(isAppUrl('kiosk://app.evil/index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })
})
