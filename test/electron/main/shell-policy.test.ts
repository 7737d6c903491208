import { describe, expect, it } from 'vitest'
import {
  isBlockedShortcut,
  lockDownShell,
  shellPolicy,
  type KeyInput,
  type ShellContents,
} from '../../../electron/main/shell-policy'
import { kioskWindowOptions } from '../../../electron/main/window-options'

// The packaged kiosk cannot be escaped through the window itself (issue 19): Electron's calls are
// faked here (no Electron binary in the test run); what is tested is what the shell asks of them.
const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
})

function fakeShell() {
  const calls: string[] = []
  const listeners = new Map<string, (...args: never[]) => void>()
  const contents: ShellContents = {
    on: ((event: string, listener: (...args: never[]) => void) => {
      listeners.set(event, listener)
    }) as ShellContents['on'],
    closeDevTools: () => void calls.push('closeDevTools'),
    setVisualZoomLevelLimits: (min, max) => void calls.push(`zoomLimits ${min}-${max}`),
  }
  const menu = { setApplicationMenu: (m: null) => void calls.push(`menu ${String(m)}`) }
  const press = (input: KeyInput) => {
    let prevented = false
    const listener = listeners.get('before-input-event') as
      ((e: { preventDefault(): void }, i: KeyInput) => void) | undefined
    listener?.({ preventDefault: () => (prevented = true) }, input)
    return prevented
  }
  const openDevTools = () => (listeners.get('devtools-opened') as (() => void) | undefined)?.()
  return { calls, contents, menu, press, openDevTools }
}

describe('shell policy', () => {
  it('the packaged app is the locked kiosk whatever the command line says', () => {
    const p = shellPolicy({ isPackaged: true, argv: ['kiosk', '--windowed'] })
    expect(p).toEqual({ windowed: false, devTools: false, removeMenu: true, blockShortcuts: true })
    const web = kioskWindowOptions({ ...p, preloadPath: 'p' })
    expect(web).toMatchObject({ kiosk: true, fullscreen: true })
    expect(web.webPreferences!.devTools).toBe(false)
  })

  it('development keeps a window, the menu and DevTools; --kiosk tries the locked window', () => {
    expect(shellPolicy({ isPackaged: false, argv: [] })).toMatchObject({
      windowed: true,
      devTools: true,
      removeMenu: false,
    })
    expect(shellPolicy({ isPackaged: false, argv: ['--kiosk'] }).windowed).toBe(false)
  })
})

describe('shell lock-down', () => {
  it('packaged: removes the menu, swallows reload/zoom/devtools/quit keys, fixes zoom, closes DevTools', () => {
    const f = fakeShell()
    const blocked: string[] = []
    lockDownShell(shellPolicy({ isPackaged: true, argv: [] }), f.menu, f.contents, (w) =>
      blocked.push(w),
    )
    expect(f.calls).toContain('menu null')
    expect(f.calls).toContain('zoomLimits 1-1')
    for (const input of [
      key('F5'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
      key('=', { control: true }),
      key('-', { control: true }),
      key('0', { control: true }),
      key('F4', { alt: true }),
      key('q', { meta: true }),
      key('w', { control: true }),
      key('p', { control: true }),
      key('u', { control: true }),
    ]) {
      expect(f.press(input), JSON.stringify(input)).toBe(true)
    }
    expect(blocked).toContain('Ctrl+r')
    expect(blocked).toContain('Alt+F4')
    f.openDevTools()
    expect(f.calls).toContain('closeDevTools')
  })

  it('lets the clerk type: letters, digits, Enter, Backspace, Tab and shifted letters pass', () => {
    const f = fakeShell()
    lockDownShell(shellPolicy({ isPackaged: true, argv: [] }), f.menu, f.contents, () => {})
    for (const input of [
      key('a'),
      key('A', { shift: true }),
      key('7'),
      key('Enter'),
      key('Backspace'),
      key('Tab'),
      key('ArrowLeft'),
      key('c', { control: true }), // copy
      key('v', { control: true }), // paste
      key('a', { control: true }), // select all
    ]) {
      expect(f.press(input), JSON.stringify(input)).toBe(false)
    }
    expect(isBlockedShortcut({ ...key('r', { control: true }), type: 'keyUp' })).toBe(false)
  })

  it('development: nothing is changed', () => {
    const f = fakeShell()
    lockDownShell(shellPolicy({ isPackaged: false, argv: [] }), f.menu, f.contents, () => {})
    expect(f.calls).toEqual([])
    expect(f.press(key('r', { control: true }))).toBe(false)
  })
})
