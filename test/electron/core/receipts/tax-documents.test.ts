import { afterEach, describe, expect, it } from 'vitest'
import { enrollmentRequest, makeCore, type TestCore } from '../helpers'
import { builtText, paiseOf, valueAfter } from './support'

// Tax documents as the core really builds them from a real flow (docs/tax-documents.md).
let t: TestCore | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

async function enrolledModel(variantId: string, feePaise: number) {
  const tc = await makeCore()
  t = tc
  await tc.signIn('C1')
  const res = await tc.ok(
    'enrollment.create',
    enrollmentRequest({
      variantId,
      payment: { method: 'upi', reference: 'UPI123456', amountPaise: feePaise },
    }),
  )
  return { tc, planNumber: res.plan.planNumber as string }
}

describe('tax invoice of the plan fee', () => {
  it.each([
    ['redmi-note-9-pro-4-64', 549_00],
    ['redmi-note-9-pro-max-6-64', 599_00],
    ['redmi-k20-pro-6-128', 999_00],
    ['mi-10t-pro-8-128', 1_699_00],
    ['mi-10-8-128', 1_999_00],
  ])('%s: CGST and SGST are equal and the parts add up to the fee', async (variantId, fee) => {
    const { tc, planNumber } = await enrolledModel(variantId, fee)
    const text = await builtText(tc, 'enrollment', planNumber)
    const cgst = paiseOf(valueAfter(text, 'CGST @ 9%'))
    const sgst = paiseOf(valueAfter(text, 'SGST @ 9%'))
    const taxable = paiseOf(valueAfter(text, 'Taxable value'))
    expect(cgst).toBe(sgst)
    expect(taxable + cgst + sgst).toBe(fee)
  })
})

describe('the plan fee SAC', () => {
  it('is printed on the tax invoice the core builds and carried in the plan.enrolled event', async () => {
    const { tc, planNumber } = await enrolledModel('redmi-note-9-4-64', 499_00)
    for (const lang of ['en', 'hi'] as const) {
      expect(await builtText(tc, 'enrollment', planNumber, { lang })).toContain('SAC 999799')
    }
    const events = await tc.core.outbox.readPending(10)
    const enrolled = events.find((e) => e.type === 'plan.enrolled')
    expect(enrolled?.payload).toMatchObject({ gst: { sacCode: '999799' } })
  })
})
