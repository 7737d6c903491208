import { rupees } from './format'

/** The console's reports (docs/console.md#reports), as the API answers them. */
export interface ActivityLine {
  storeCode: string
  day: string
  enrollments: number
  feesPaise: number
  redemptions: number
  creditPaise: number
  cancellations: number
  refundsPaise: number
  /** Trade-ins accepted (issue 22), apart from plan redemptions, at head office's amount. */
  tradeIns: number
  tradeInPaise: number
  vouchersUsed: number
  voucherCreditPaise: number
}
export interface LiabilityLine {
  band: string
  stepDownMonth: string
  plans: number
  liabilityPaise: number
}
export interface ActivityReport {
  from: string
  to: string
  lines: ActivityLine[]
}
export interface LiabilityReport {
  asOf: string
  /** A later day than today: what the live plans will be owed then if none is redeemed first. */
  projected: boolean
  lines: LiabilityLine[]
}

export type ReportKind = 'activity' | 'liability'

/** Totals of the activity lines (the report's last row). */
export function activityTotals(lines: ActivityLine[]): Omit<ActivityLine, 'storeCode' | 'day'> {
  const t = {
    enrollments: 0,
    feesPaise: 0,
    redemptions: 0,
    creditPaise: 0,
    cancellations: 0,
    refundsPaise: 0,
    tradeIns: 0,
    tradeInPaise: 0,
    vouchersUsed: 0,
    voucherCreditPaise: 0,
  }
  for (const l of lines) {
    t.enrollments += l.enrollments
    t.feesPaise += l.feesPaise
    t.redemptions += l.redemptions
    t.creditPaise += l.creditPaise
    t.cancellations += l.cancellations
    t.refundsPaise += l.refundsPaise
    t.tradeIns += l.tradeIns
    t.tradeInPaise += l.tradeInPaise
    t.vouchersUsed += l.vouchersUsed
    t.voucherCreditPaise += l.voucherCreditPaise
  }
  return t
}

/** Rupees with paise, for report tables (₹1,234.50). */
export function rupeesExact(paise: number): string {
  return new Intl.NumberFormat('en-IN', {
    style: 'currency',
    currency: 'INR',
    minimumFractionDigits: 2,
  }).format(paise / 100)
}

export { rupees }
