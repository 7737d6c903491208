import { describe, expect, it } from 'vitest'
import { kioskWindowOptions } from '../../../electron/main/window-options'
import { CONTENT_SECURITY_POLICY } from '../../../shared/csp'

describe('kiosk window options', () => {
  it('isolates and sandboxes the page, whatever the flags', () => {
    for (const windowed of [true, false]) {
      const web = kioskWindowOptions({
        windowed,
        devTools: false,
        preloadPath: '/p/index.cjs',
      }).webPreferences!
      expect(web.contextIsolation).toBe(true)
      expect(web.sandbox).toBe(true)
      expect(web.nodeIntegration).toBe(false)
      expect(web.nodeIntegrationInSubFrames).toBe(false)
      expect(web.webviewTag).toBe(false)
      expect(web.webSecurity).toBe(true)
      expect(web.allowRunningInsecureContent).toBe(false)
      expect(web.preload).toBe('/p/index.cjs')
    }
  })

  it('is a fullscreen kiosk unless windowed', () => {
    expect(
      kioskWindowOptions({ windowed: false, devTools: false, preloadPath: 'p' }),
    ).toMatchObject({
      kiosk: true,
      fullscreen: true,
    })
    expect(kioskWindowOptions({ windowed: true, devTools: true, preloadPath: 'p' })).toMatchObject({
      kiosk: false,
      fullscreen: false,
    })
  })
})

describe('content security policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values]
    }),
  )
  it('allows only our own scripts: no inline, no eval, no remote hosts', () => {
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
  })
})
