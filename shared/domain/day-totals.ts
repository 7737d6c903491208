import type { PaymentMethod } from './vocabulary'

/** Money of one payment method over a day: how many payments and how much. */
export interface MethodTotal {
  method: PaymentMethod
  count: number
  amountPaise: number
}

/**
 * The end-of-day totals, defined once (issue 14 item 7) for the screen, the printed report and
 * both languages:
 * - collected: plan fees and upgrade balances taken, by method and in all;
 * - refunded: cancellation refunds paid, by method and in all;
 * - net: collected − refunded, every method;
 * - cash expected in the drawer: cash collected − cash refunded.
 */
export interface DayTotals {
  collectedByMethod: MethodTotal[]
  collectedPaise: number
  refundedByMethod: MethodTotal[]
  refundedPaise: number
  netPaise: number
  cashExpectedPaise: number
}

const METHOD_ORDER: readonly PaymentMethod[] = ['cash', 'upi', 'card']

function byMethod(rows: readonly MethodTotal[]): MethodTotal[] {
  const merged = new Map<PaymentMethod, MethodTotal>()
  for (const r of rows) {
    const m = merged.get(r.method) ?? { method: r.method, count: 0, amountPaise: 0 }
    m.count += r.count
    m.amountPaise += r.amountPaise
    merged.set(r.method, m)
  }
  return METHOD_ORDER.flatMap((method) => merged.get(method) ?? [])
}

const sum = (rows: readonly MethodTotal[]) => rows.reduce((s, r) => s + r.amountPaise, 0)
const cash = (rows: readonly MethodTotal[]) =>
  rows.filter((r) => r.method === 'cash').reduce((s, r) => s + r.amountPaise, 0)

export function dayTotals(input: {
  fees: readonly MethodTotal[]
  upgradePayments: readonly MethodTotal[]
  refunds: readonly MethodTotal[]
}): DayTotals {
  const collectedByMethod = byMethod([...input.fees, ...input.upgradePayments])
  const refundedByMethod = byMethod(input.refunds)
  const collectedPaise = sum(collectedByMethod)
  const refundedPaise = sum(refundedByMethod)
  return {
    collectedByMethod,
    collectedPaise,
    refundedByMethod,
    refundedPaise,
    netPaise: collectedPaise - refundedPaise,
    cashExpectedPaise: cash(collectedByMethod) - cash(refundedByMethod),
  }
}
