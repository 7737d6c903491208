import { randomUUID } from 'node:crypto'
import { assuredValue, cancellationRefund, gstSplit, luhnCheckDigit } from '../../shared/domain'
import type {
  OutboxEvent,
  OutboxEventOf,
  OutboxEventType,
  PayloadOf,
} from '../../shared/sync/events'

/** Test data: outbox events exactly as a kiosk would write them. */

let imeiCounter = 0

/** A fresh Luhn-valid IMEI. */
export function nextImei(): string {
  imeiCounter += 1
  const body = `35${String(process.pid % 1000).padStart(3, '0')}${String(imeiCounter).padStart(9, '0')}`
  return body + luhnCheckDigit(body)
}

export interface EnrollInput {
  planNumber?: string
  purchaseDate?: string
  enrolledOn?: string
  srpPaise?: number
  feePaise?: number
  email?: string | null
  notify?: boolean
  name?: string
  mobile?: string
  catalogVersion?: string
  /** A model and variant of the catalog version (default: Redmi Note 9 4 GB + 64 GB of the demo). */
  modelId?: string
  variantId?: string
}

/** The new phone of {@link fakeKiosk}'s redemptions: a Redmi K20 Pro 6 + 128 GB (SRP ₹24,999). */
export const NEW_PHONE = {
  modelName: 'Redmi K20 Pro',
  modelId: 'redmi-k20-pro',
  variantId: 'redmi-k20-pro-6-128',
} as const

/** A kiosk that writes numbered events (seq gapless from 1, or from `startSeq`). */
export function fakeKiosk(storeCode: string, kioskCode: string, startSeq = 1) {
  let seq = startSeq - 1
  let planCounter = 0
  const envelope = (businessDate: string) => ({
    id: randomUUID(),
    kioskCode,
    storeCode,
    seq: ++seq,
    occurredAt: `${businessDate}T10:00:00.000+05:30`,
    businessDate,
    training: false,
  })
  return {
    storeCode,
    kioskCode,
    get seq() {
      return seq
    },
    enroll(input: EnrollInput = {}): OutboxEventOf<'plan.enrolled'> {
      const purchaseDate = input.purchaseDate ?? '2026-01-05'
      const enrolledOn = input.enrolledOn ?? purchaseDate
      planCounter += 1
      const planNumber =
        input.planNumber ??
        `SU${storeCode}${kioskCode}${String(planCounter).padStart(6, '0')}${randomUUID().slice(0, 4)}`
      const fee = input.feePaise ?? 49_900
      return {
        ...envelope(enrolledOn),
        type: 'plan.enrolled',
        payload: {
          planNumber,
          imeis: [nextImei()],
          modelId: input.modelId ?? 'redmi-note-9',
          modelName: 'Redmi Note 9',
          variantId: input.variantId ?? 'redmi-note-9-4-64',
          variantName: '4 GB + 64 GB',
          srpPaise: input.srpPaise ?? 1_199_900,
          feePaise: fee,
          catalogVersion: input.catalogVersion ?? '2026.11.1',
          purchaseDate,
          invoice: {
            number: `INV-${planCounter}`,
            date: purchaseDate,
            storeCode,
            pricePaidPaise: 1_199_900,
          },
          enrolledOn,
          customer: {
            name: input.name ?? 'Asha Kulkarni',
            mobile: input.mobile ?? '9876543210',
            email: input.email === undefined ? 'asha@example.in' : input.email,
            idType: 'pan',
            idMasked: 'XXXXX1234X',
            idLast4: '234X',
            aadhaarHmac: null,
          },
          consent: {
            dataProcessing: true,
            notifications: input.notify ?? true,
            marketing: false,
            version: 'dpdp-2026.11',
            at: `${enrolledOn}T10:00:00.000+05:30`,
            givenBy: 'adult',
          },
          payment: { method: 'cash', reference: null, amountPaise: fee },
          taxInvoiceNumber: `${storeCode}${kioskCode}/2026-27/${String(planCounter).padStart(6, '0')}`,
          gst: { ratePercent: 18, intraState: true, ...gstSplit(fee, 18, true), sacCode: '999799' },
          staffCode: 'C1',
        },
      }
    },
    inspect(
      plan: OutboxEventOf<'plan.enrolled'>,
      onDate: string,
      verdict: 'eligible' | 'ineligible' = 'eligible',
    ): OutboxEventOf<'inspection.submitted'> {
      return {
        ...envelope(onDate),
        type: 'inspection.submitted',
        payload: {
          inspectionId: randomUUID(),
          planNumber: plan.payload.planNumber,
          imei: plan.payload.imeis[0] as string,
          technicianCode: 'T1',
          startedAt: `${onDate}T10:00:00.000+05:30`,
          submittedAt: `${onDate}T10:10:00.000+05:30`,
          catalogVersion: '2026.11.1',
          answers: [],
          verdict,
          failedRequired: [],
          failedOptional: [],
          notes: null,
        },
      }
    },
    /** A redemption with the values a correct kiosk computes (override to tamper). */
    redeem(
      plan: OutboxEventOf<'plan.enrolled'>,
      onDate: string,
      options: {
        newPricePaise?: number
        inspectionId?: string
        tamper?: Partial<OutboxEventOf<'plan.redeemed'>['payload']>
      } = {},
    ): OutboxEventOf<'plan.redeemed'> {
      const quote = assuredValue({
        srpPaise: plan.payload.srpPaise,
        purchaseDate: plan.payload.purchaseDate,
        onDate,
      })
      const price = options.newPricePaise ?? 2_499_900
      const credit = Math.min(quote.valuePaise, price)
      return {
        ...envelope(onDate),
        type: 'plan.redeemed',
        payload: {
          planNumber: plan.payload.planNumber,
          redemptionId: randomUUID(),
          onDate,
          ageMonth: quote.ageMonth,
          percent: quote.percent,
          srpPaise: plan.payload.srpPaise,
          assuredValuePaise: quote.valuePaise,
          creditPaise: credit,
          newDevice: {
            ...NEW_PHONE,
            imei: nextImei(),
            pricePaise: price,
            salesInvoiceNumber: `POS/${seq}`,
          },
          amountPaidPaise: price - credit,
          payment:
            price > credit
              ? { method: 'upi', reference: 'UPI123', amountPaise: price - credit }
              : null,
          inspectionId: options.inspectionId ?? randomUUID(),
          exchangeVoucherNumber: `K1/X2627/${String(seq).padStart(6, '0')}`,
          deviceIntakeId: randomUUID(),
          staffCode: 'C1',
          ...options.tamper,
        },
      }
    },
    /** A data principal's request taken at this kiosk (issue 18). */
    privacy(
      planNumber: string,
      kind: 'access' | 'correction' | 'erasure' | 'withdrawal',
      onDate: string,
      correction?: { name?: string; mobile?: string; email?: string | null },
    ): OutboxEventOf<'privacy.requested'> {
      return {
        ...envelope(onDate),
        type: 'privacy.requested',
        payload: {
          requestId: randomUUID(),
          kind,
          planNumber,
          raisedOn: onDate,
          ...(correction ? { correction } : {}),
          staffCode: 'M1',
        },
      }
    },
    /** A cancellation with the refund of the demo catalog's 7-day cooling-off window. */
    cancel(plan: OutboxEventOf<'plan.enrolled'>, onDate: string): OutboxEventOf<'plan.cancelled'> {
      const { refundPaise, withinWindow } = cancellationRefund({
        feePaise: plan.payload.feePaise,
        enrolledOn: plan.payload.enrolledOn,
        cancelledOn: onDate,
        windowDays: 7,
      })
      return {
        ...envelope(onDate),
        type: 'plan.cancelled',
        payload: {
          planNumber: plan.payload.planNumber,
          cancellationId: randomUUID(),
          cancelledOn: onDate,
          reason: 'Changed mind',
          refundPaise,
          withinWindow,
          refund:
            refundPaise > 0 ? { method: 'cash', reference: null, amountPaise: refundPaise } : null,
          staffCode: 'M1',
        },
      }
    },
    /** Any event of this kiosk, its payload as given (trade-ins, issue 22). */
    event<T extends OutboxEventType>(
      type: T,
      payload: PayloadOf<T>,
      businessDate: string,
    ): OutboxEventOf<T> {
      return { ...envelope(businessDate), type, payload } as unknown as OutboxEventOf<T>
    },
    collect(
      redeemed: OutboxEventOf<'plan.redeemed'>,
      onDate: string,
    ): OutboxEventOf<'device.collected'> {
      return {
        ...envelope(onDate),
        type: 'device.collected',
        payload: {
          deviceIntakeId: redeemed.payload.deviceIntakeId,
          planNumber: redeemed.payload.planNumber,
          imei: nextImei(),
          collectedOn: onDate,
          reference: 'DKT-1',
          staffCode: 'M1',
        },
      }
    },
  }
}

export type FakeKiosk = ReturnType<typeof fakeKiosk>
export type AnyEvent = OutboxEvent
