import { afterAll } from 'vitest'
import { b2bInvoice, realFlow } from './real-flow'

/**
 * The flow's documents under the names the printing tests use, for a test file's top level
 * (`const fx = await realDocuments()`): the kiosk is removed after the file's tests.
 */
export async function realDocuments() {
  const flow = await realFlow()
  afterAll(() => flow.cleanup())
  return {
    flow,
    /** The customer's mobile in full: no document may print it. */
    FULL_MOBILE: '9876543210',
    store: flow.docs['tax-invoice'].store,
    enrollment: flow.docs['tax-invoice'],
    b2bInvoice: await b2bInvoice(flow),
    cancellation: flow.docs['credit-note'],
    exchangeVoucher: flow.docs['exchange-voucher'],
    ineligibility: flow.docs['ineligibility-slip'],
    endOfDay: flow.docs['end-of-day'],
    tradeInVoucher: flow.docs['trade-in-voucher'],
  }
}
