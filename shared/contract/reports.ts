import { z } from 'zod'
import { DayGstSchema } from '../domain/day-gst'
import { PaymentMethodSchema } from '../domain/vocabulary'
import { channel } from './channel'
import { LocalDateSchema, PaiseSchema } from './common'

const MoneyByMethodSchema = z.object({
  method: PaymentMethodSchema,
  count: z.number().int(),
  amountPaise: PaiseSchema,
})

export const EndOfDayRequestSchema = z.object({
  /** Defaults to the kiosk's business date. */
  businessDate: LocalDateSchema.optional(),
})

export const EndOfDayReportSchema = z.object({
  businessDate: LocalDateSchema,
  storeCode: z.string(),
  kioskCode: z.string(),
  training: z.boolean(),
  generatedAt: z.string(),
  enrollments: z.object({ count: z.number().int(), feesPaise: PaiseSchema }),
  /** Plan fees by payment method, each with its GST split (sums of the per-invoice splits). */
  feesByMethod: z.array(
    MoneyByMethodSchema.extend({
      taxablePaise: PaiseSchema,
      cgstPaise: PaiseSchema,
      sgstPaise: PaiseSchema,
      igstPaise: PaiseSchema,
    }),
  ),
  inspections: z.object({
    count: z.number().int(),
    eligible: z.number().int(),
    ineligible: z.number().int(),
  }),
  redemptions: z.object({
    count: z.number().int(),
    assuredValuePaise: PaiseSchema,
    creditPaise: PaiseSchema,
    newDeviceSalesPaise: PaiseSchema,
    amountPaidPaise: PaiseSchema,
    paidByMethod: z.array(MoneyByMethodSchema),
  }),
  /**
   * The day's trade-ins (issue 22, docs/program-rules.md#trade-in), apart from plan redemptions:
   * accepted ones (vouchers issued) with their amounts, provisional (grid-priced, not yet
   * confirmed by the partner) marked; vouchers used today against a new phone.
   */
  tradeIns: z.object({
    /** Trade-ins started today (whatever became of them). */
    started: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    notAcceptable: z.number().int(),
    /** Sum of the vouchers issued today. */
    amountPaise: PaiseSchema,
    provisionalCount: z.number().int(),
    provisionalAmountPaise: PaiseSchema,
    vouchersIssued: z.number().int(),
    vouchersUsed: z.number().int(),
    /** Credit given today by vouchers used against new phones. */
    voucherCreditPaise: PaiseSchema,
    /** Balances paid on top of vouchers used today. */
    voucherPaidPaise: PaiseSchema,
    vouchers: z.array(
      z.object({
        voucherNumber: z.string(),
        modelName: z.string(),
        grade: z.string(),
        amountPaise: PaiseSchema,
        source: z.enum(['partner', 'grid']),
        provisional: z.boolean(),
        status: z.enum(['issued', 'used', 'expired']),
      }),
    ),
  }),
  cancellations: z.object({
    count: z.number().int(),
    refundPaise: PaiseSchema,
    refundsByMethod: z.array(MoneyByMethodSchema),
  }),
  /**
   * The day's GST (shared/domain/day-gst.ts): tax invoices, credit notes and the net, CGST, SGST
   * and IGST apart, reconciling to the paisa with the documents of the day.
   */
  gst: DayGstSchema,
  /** Taken-in phones not yet collected by logistics (all days, as of now). */
  devicesAwaitingCollection: z.number().int(),
  /** Outbox events not yet acknowledged by head office (all days, as of now). */
  eventsNotSynced: z.number().int(),
  /**
   * The day's totals (shared/domain/day-totals.ts, the one definition the printed report uses):
   * collected (fees + upgrade balances) and refunded by method, net = collected − refunded,
   * cash expected in the drawer = cash collected − cash refunded.
   */
  totals: z.object({
    collectedByMethod: z.array(MoneyByMethodSchema),
    collectedPaise: PaiseSchema,
    refundedByMethod: z.array(MoneyByMethodSchema),
    refundedPaise: PaiseSchema,
    netPaise: z.number().int(),
    cashExpectedPaise: z.number().int(),
  }),
})

export type EndOfDayReport = z.infer<typeof EndOfDayReportSchema>

export const reportChannels = {
  'reports.endOfDay': channel(EndOfDayRequestSchema, EndOfDayReportSchema, ['manager']),
}
