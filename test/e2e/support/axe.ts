import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'

const AXE_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../node_modules/axe-core/axe.min.js',
)

/**
 * Makes axe-core available in every page of the context. The kiosk page's CSP (script-src 'self')
 * refuses an injected <script> (what `page.addScriptTag` does), but a script registered through
 * the DevTools protocol (`addInitScript`) runs before the page and outside its CSP, so the page
 * under test keeps its real policy.
 */
export async function installAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: readFileSync(AXE_PATH, 'utf8') })
}

export interface AxeFinding {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/** Serious and critical WCAG 2.x A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string
              impact: string | null
              help: string
              nodes: { target: string[] }[]
            }[]
          }>
        }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }))
  })
}
