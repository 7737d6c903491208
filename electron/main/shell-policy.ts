// What the packaged kiosk lets a person at the counter do with the window itself: nothing but use
// the app (docs/security.md). No menu (its accelerators reload, zoom and open DevTools, and its Help
// items open a browser), no DevTools, no reload/zoom/devtools/quit shortcuts, always fullscreen.
// Development builds (not packaged) keep a window, the default menu and DevTools.

export interface ShellPolicy {
  /** A normal window instead of the fullscreen kiosk. */
  windowed: boolean
  /** Whether DevTools can open at all (webPreferences.devTools). */
  devTools: boolean
  /** Replace Electron's default application menu with none. */
  removeMenu: boolean
  /** Swallow the keyboard shortcuts in BLOCKED_SHORTCUTS before the page or Chromium sees them. */
  blockShortcuts: boolean
}

/**
 * The policy for this run. `--windowed` is honoured only in development: in the packaged app a
 * command-line flag (a shortcut edited by anyone at the counter) must not undo the kiosk.
 */
export function shellPolicy(run: { isPackaged: boolean; argv: readonly string[] }): ShellPolicy {
  if (run.isPackaged) {
    return { windowed: false, devTools: false, removeMenu: true, blockShortcuts: true }
  }
  return {
    windowed: !run.argv.includes('--kiosk'),
    devTools: true,
    removeMenu: false,
    blockShortcuts: false,
  }
}

/** The part of Electron's `Input` a shortcut is recognised by. */
export interface KeyInput {
  type: string
  key: string
  control: boolean
  meta: boolean
  shift: boolean
  alt: boolean
}

/**
 * Shortcuts that would leave, reload, zoom or inspect the kiosk. Chromium handles some of them even
 * without a menu (zoom, reload on some platforms), so they are stopped at the input.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false
  const key = input.key.toLowerCase()
  const mod = input.control || input.meta
  if (key === 'f5' || key === 'f11' || key === 'f12') return true // reload, fullscreen, DevTools
  if (input.alt && key === 'f4') return true // close the window
  if (!mod) return false
  if (key === 'r' || key === 'w' || key === 'q') return true // reload, close, quit
  if (input.shift && (key === 'i' || key === 'j' || key === 'c')) return true // DevTools panels
  if (input.alt && key === 'i') return true // DevTools on macOS
  if (['+', '=', '-', '_', '0'].includes(key)) return true // zoom in, out, reset
  return key === 'p' || key === 'o' || key === 's' || key === 'u' // print dialog, open, save, view source
}

/** The Electron calls the shell lock-down makes (interfaces so tests can pass fakes). */
export interface ShellApp {
  setApplicationMenu(menu: null): void
}
export interface ShellContents {
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: KeyInput) => void,
  ): unknown
  on(event: 'devtools-opened', listener: () => void): unknown
  closeDevTools(): void
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> | void
}

/** Applies the policy to the app (once) and to the kiosk window's contents. */
export function lockDownShell(
  policy: ShellPolicy,
  menu: ShellApp,
  contents: ShellContents,
  onBlocked: (what: string) => void,
): void {
  if (policy.removeMenu) menu.setApplicationMenu(null)
  if (!policy.blockShortcuts) return
  contents.on('before-input-event', (event, input) => {
    if (!isBlockedShortcut(input)) return
    event.preventDefault()
    onBlocked(describe(input))
  })
  // Pinch-zoom on a touch screen is a zoom too.
  void contents.setVisualZoomLevelLimits(1, 1)
  if (!policy.devTools) contents.on('devtools-opened', () => contents.closeDevTools())
}

function describe(input: KeyInput): string {
  const mods = [
    input.control && 'Ctrl',
    input.meta && 'Cmd',
    input.alt && 'Alt',
    input.shift && 'Shift',
  ]
  return [...mods.filter(Boolean), input.key].join('+')
}
