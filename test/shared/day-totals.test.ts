import { describe, expect, it } from 'vitest'
import { dayTotals } from '../../shared/domain/day-totals'

describe('end-of-day totals, one definition (issue 14 item 7)', () => {
  it('the issue’s day: fees ₹1,647 by cash and UPI, a ₹599 refund — net is every method, not cash only', () => {
    const t = dayTotals({
      fees: [
        { method: 'upi', count: 2, amountPaise: 1_148_00 },
        { method: 'cash', count: 1, amountPaise: 499_00 },
      ],
      upgradePayments: [{ method: 'cash', count: 1, amountPaise: 200_00 }],
      refunds: [{ method: 'upi', count: 1, amountPaise: 599_00 }],
    })
    expect(t.collectedByMethod).toEqual([
      { method: 'cash', count: 2, amountPaise: 699_00 },
      { method: 'upi', count: 2, amountPaise: 1_148_00 },
    ])
    expect(t.collectedPaise).toBe(1_847_00)
    expect(t.refundedPaise).toBe(599_00)
    expect(t.netPaise).toBe(1_248_00)
    expect(t.cashExpectedPaise).toBe(699_00)
  })
})
