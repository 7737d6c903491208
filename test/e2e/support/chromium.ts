import { existsSync } from 'node:fs'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

// Debian's Chromium first (CI installs it with apt), then Playwright's own download if a
// developer has one (`npx playwright install chromium`), then CHROMIUM_PATH.
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p))

/** Flags that keep headless Chromium quiet on a closed network (docs/testing.md#chromium). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Path of a Chromium to drive, or a clear error telling how to get one. */
export function findChromium(): string | undefined {
  const found = CANDIDATES.find((p) => existsSync(p))
  if (found) return found
  try {
    const bundled = chromium.executablePath()
    if (bundled && existsSync(bundled)) return undefined // Playwright finds its own
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one: `sudo apt-get install chromium` ' +
      '(Debian/Ubuntu), or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  )
}

/** Launches headless Chromium; Playwright gives every launch a fresh temporary profile. */
export async function launchChromium(
  extraArgs: string[] = [],
  options: LaunchOptions = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
    ...options,
  })
}
