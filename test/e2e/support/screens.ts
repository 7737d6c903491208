import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { seriousViolations, type AxeFinding } from './axe'
import { SHOTS } from './screenshots'

/**
 * The e2e suites' look at a screen: no sideways scrolling at the kiosk's size, axe on the screen
 * as it is (findings kept by screen and language), then a screenshot in English and one in Hindi
 * (<prefix>-<name>-<lang>.png, prefix `ui` unless a suite names its own). `page` is a getter: the
 * page is made in `beforeAll`.
 */
export function screenShooter(
  page: () => Page,
  findings: Record<string, AxeFinding[]>,
  prefix = 'ui',
) {
  return async function screen(name: string): Promise<void> {
    const p = page()
    await p.waitForLoadState('networkidle')
    expect(
      await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      name,
    ).toBe(true)
    const found = await seriousViolations(p)
    if (found.length) findings[`${name}-en`] = found
    await p.screenshot({ path: join(SHOTS, `${prefix}-${name}-en.png`), fullPage: true })
    await p.getByRole('button', { name: 'हिन्दी', exact: true }).click()
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('hi')
    await p.waitForLoadState('networkidle')
    const foundHi = await seriousViolations(p)
    if (foundHi.length) findings[`${name}-hi`] = foundHi
    await p.screenshot({ path: join(SHOTS, `${prefix}-${name}-hi.png`), fullPage: true })
    await p.getByRole('button', { name: 'English', exact: true }).click()
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe('en')
    await p.waitForLoadState('networkidle')
  }
}
