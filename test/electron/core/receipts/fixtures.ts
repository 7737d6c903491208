import { dayTotals } from '../../../../shared/domain/day-totals'
import type {
  CreditNoteData,
  EndOfDayReportData,
  TaxInvoiceData,
  IneligibilitySlipData,
  StoreInfo,
  ExchangeVoucherData,
} from '../../../../electron/core/receipts/model'

/**
 * Sample documents: a Redmi Note 9 Pro bought 05 Nov 2020 (the worked example of
 * docs/program-rules.md#calendar-month-arithmetic).
 */

export const FULL_MOBILE = '9876543210'

export const store: StoreInfo = {
  code: 'BLR01',
  name: 'Mi Home Koramangala',
  address: '80 Feet Road, 4th Block, Koramangala, Bengaluru 560034',
  gstin: '29ABCDE1234F1Z5',
  stateCode: '29',
}

export const enrollment: TaxInvoiceData = {
  store,
  issuedAt: { date: '2020-11-05', time: '14:32' },
  kioskCode: 'BLR01-K1',
  servedBy: 'Priya N.',
  training: false,
  taxInvoiceNumber: 'SU/BLR01/20-21/000123',
  placeOfSupplyStateCode: '29',
  sacCode: '997159',
  customer: { name: 'Rahul Sharma', mobile: FULL_MOBILE, id: { kind: 'aadhaar', last4: '1234' } },
  device: {
    model: 'Redmi Note 9 Pro',
    variant: '4 GB + 64 GB',
    imeis: ['490154203237518', '356938035643809'],
  },
  purchase: { invoiceNumber: 'MIH-BLR01-88231', date: '2020-11-05', pricePaise: 13_999_00 },
  planNumber: 'MSU-BLR01-2020-000123',
  feePaise: 549_00,
  gstRatePercent: 18,
  srpPaise: 13_999_00,
  payment: { method: 'upi', reference: '031012345678' },
  redeemableFrom: '2021-02-05',
  bands: [
    { from: '2021-02-05', to: '2021-05-04', percent: 70, valuePaise: 9_799_00 },
    { from: '2021-05-05', to: '2021-08-04', percent: 60, valuePaise: 8_399_00 },
    { from: '2021-08-05', to: '2021-11-04', percent: 50, valuePaise: 7_000_00 },
    { from: '2021-11-05', to: '2022-02-04', percent: 40, valuePaise: 5_600_00 },
  ],
  expiresAfter: '2022-02-04',
  brand: 'Xiaomi',
  privacy: {
    consentVersion: 'dpdp-2026.11',
    notifications: true,
    marketing: false,
    retentionDays: 365,
    grievanceOfficer: {
      name: 'Grievance Officer, Smart Upgrade Programme',
      email: 'grievance@smartupgrade.example.in',
      phone: '18001030000',
    },
  },
}

export const creditNote: ExchangeVoucherData = {
  store,
  issuedAt: { date: '2021-03-10', time: '11:05' },
  kioskCode: 'BLR01-K1',
  servedBy: 'Priya N.',
  training: false,
  voucherNumber: 'K1/X2021/000045',
  planNumber: enrollment.planNumber,
  customer: enrollment.customer,
  oldDevice: enrollment.device,
  inspection: {
    verdict: 'passed',
    reference: '3f2b9c1e-8d4a-4b7e-9c2d-1a5e6f7b8c9d',
    technician: 'Arun K.',
    inspectedAt: { date: '2021-03-10', time: '10:48' },
  },
  ageMonths: 5,
  percent: 70,
  srpPaise: 13_999_00,
  assuredValuePaise: 9_799_00,
  creditPaise: 9_799_00,
  newDevice: {
    model: 'Mi 10T',
    variant: '6 GB + 128 GB',
    imeis: ['353456789012348'],
    pricePaise: 35_999_00,
    salesInvoiceNumber: 'MIH-BLR01-90412',
  },
  payment: { method: 'card', reference: 'APPR 482913' },
  brand: 'Xiaomi',
}

export const ineligibility: IneligibilitySlipData = {
  store,
  issuedAt: { date: '2021-03-10', time: '11:05' },
  kioskCode: 'BLR01-K1',
  training: false,
  slipNumber: 'IN/BLR01/20-21/000007',
  planNumber: enrollment.planNumber,
  customer: enrollment.customer,
  device: enrollment.device,
  inspection: { technician: 'Arun K.', inspectedAt: { date: '2021-03-10', time: '10:48' } },
  failedItems: [
    {
      label: { en: 'Display: no cracks', hi: 'डिस्प्ले: कोई दरार नहीं' },
      note: 'crack top-left corner',
    },
    {
      label: { en: 'No replaced parts', hi: 'कोई बदला हुआ पुर्ज़ा नहीं' },
      note: 'battery not original',
    },
  ],
}

export const cancellation: CreditNoteData = {
  store,
  issuedAt: { date: '2020-11-08', time: '17:20' },
  kioskCode: 'BLR01-K1',
  training: false,
  noteNumber: 'CX/BLR01/20-21/000003',
  planNumber: enrollment.planNumber,
  originalInvoiceNumber: enrollment.taxInvoiceNumber,
  originalInvoiceDate: '2020-11-05',
  placeOfSupplyStateCode: '29',
  customer: enrollment.customer,
  device: enrollment.device,
  reason: 'Customer changed mind within cooling-off period',
  approvedBy: 'Manager S. Rao',
  feePaise: 549_00,
  gstRatePercent: 18,
  refund: { amountPaise: 549_00, method: 'upi', reference: '031099887766' },
}

export const endOfDay: EndOfDayReportData = {
  store,
  issuedAt: { date: '2020-11-05', time: '21:02' },
  kioskCode: 'BLR01-K1',
  servedBy: 'Manager S. Rao',
  training: false,
  businessDate: '2020-11-05',
  enrollments: { count: 3, feesPaise: 1_597_00, taxablePaise: 1_353_39, taxPaise: 243_61 },
  totals: dayTotals({
    fees: [
      { method: 'cash', count: 1, amountPaise: 549_00 },
      { method: 'upi', count: 2, amountPaise: 1_048_00 },
    ],
    upgradePayments: [],
    refunds: [{ method: 'cash', count: 1, amountPaise: 399_00 }],
  }),
  redemptions: { count: 1, creditPaise: 9_799_00, newDeviceSalesPaise: 35_999_00 },
  ineligible: { count: 1 },
  cancellations: { count: 1 },
  pendingSync: 4,
  pendingPrintJobs: 0,
}
