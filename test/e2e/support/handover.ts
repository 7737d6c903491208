import type { Page } from 'playwright-core'

/**
 * The customer's part of the hand-over step: the four statements ticked and a signature drawn
 * on the pad with the mouse (pointer events, as a finger on the touch screen gives them).
 */
export async function signHandover(page: Page): Promise<void> {
  for (const key of ['ownership', 'accountsRemoved', 'dataWiped', 'transfer']) {
    await page.getByTestId(`handover-${key}`).check()
  }
  const pad = page.getByTestId('handover-signature')
  // Mouse events reach only what is on the screen.
  await pad.scrollIntoViewIfNeeded()
  const box = await pad.boundingBox()
  if (!box) throw new Error('the signature pad is not on the screen')
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + 40, y + 20)
  await page.mouse.down()
  for (let i = 1; i <= 24; i++) {
    await page.mouse.move(box.x + 40 + i * 14, y + Math.sin(i / 2) * 35, { steps: 2 })
  }
  await page.mouse.up()
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="handover-signature"]')?.getAttribute('data-signed') ===
      'true',
  )
}
