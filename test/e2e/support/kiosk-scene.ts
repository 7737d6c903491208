import type { Page } from 'playwright-core'
import type { RequestOf } from '../../../shared/ipc'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'

/** The phone the browser-mode tests enroll: a Redmi Note 9 Pro of the bundled demo catalog. */
export const DEMO_MODEL = demoCatalog.models.find((m) => m.name === 'Redmi Note 9 Pro')!
export const DEMO_VARIANT = DEMO_MODEL.variants[0]!

/**
 * An `enrollment.create` request as a test sends it over the kiosk's RPC to set a scene: the demo
 * phone bought today at MH01 for its SRP, the customer's consent to the catalog's notice, the fee
 * paid in cash unless `payment` says otherwise.
 */
export function demoEnrollment(input: {
  imeis: string[]
  today: string
  invoiceNumber: string
  customer: RequestOf<'enrollment.create'>['customer']
  payment?: RequestOf<'enrollment.create'>['payment']
}): RequestOf<'enrollment.create'> {
  return {
    requestId: crypto.randomUUID(),
    variantId: DEMO_VARIANT.id,
    imeis: input.imeis,
    purchase: {
      invoiceNumber: input.invoiceNumber,
      invoiceDate: input.today,
      storeCode: 'MH01',
      pricePaidPaise: DEMO_VARIANT.srpPaise,
    },
    customer: input.customer,
    consent: {
      dataProcessing: true,
      notifications: true,
      marketing: false,
      version: 'dpdp-2026.11',
      givenBy: 'adult',
    },
    payment: input.payment ?? { method: 'cash', amountPaise: DEMO_MODEL.feePaise },
  }
}

/**
 * Signs a staff member in on the kiosk's screen as a person does: the sign-in screen (leaving a
 * PIN pad someone else left open), their tile, the PIN typed on the keyboard (the pad takes it as
 * well as taps), Enter, then waits for the home tiles.
 */
export async function signInOnScreen(
  page: Page,
  kioskUrl: string,
  code: string,
  pin: string,
  route = '#/signin',
): Promise<void> {
  await page.goto(`${kioskUrl}${route}`)
  if (await page.getByTestId('signin-back').count()) await page.getByTestId('signin-back').click()
  await page.getByTestId(`staff-${code}`).click()
  await page.keyboard.type(pin)
  await page.keyboard.press('Enter')
  await page.getByTestId('home-tiles').waitFor()
}
