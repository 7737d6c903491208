import type { Lang } from './document'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { CertificatePrivacy, IdKind } from './model'

/**
 * Every printed word, in both languages. Tax abbreviations (GSTIN, CGST, SGST, IGST, SAC, IMEI,
 * UPI) stay in Latin letters in Hindi too: that is how they appear on Indian tax documents.
 */
export interface Labels {
  program: string
  taxInvoice: string
  enrollmentTitle: string
  creditNoteTitle: string
  exchangeVoucherTitle: string
  ineligibilityTitle: string
  cancellationTitle: string
  creditNoteSubtitle: string
  originalInvoiceDate: string
  reversed: string
  totalCredited: string
  notATaxDocument: string
  endOfDayTitle: string
  invoiceNo: string
  dateTime: string
  placeOfSupply: string
  reverseCharge: string
  no: string
  forSupplier: (name: string) => string
  authorisedSignatory: string
  kiosk: string
  servedBy: string
  customer: string
  name: string
  mobile: string
  idKinds: Record<IdKind, string>
  phone: string
  model: string
  variant: string
  purchaseInvoice: string
  purchaseDate: string
  purchasePrice: string
  feeHeading: string
  feeDescription: string
  taxableValue: string
  totalInclGst: string
  payment: string
  paidBy: string
  methods: Record<PaymentMethod, string>
  reference: string
  planHeading: string
  planNumber: string
  srpOnPlan: string
  timelineHeading: string
  timelineBefore: (date: string) => string
  timelineBand: (from: string, to: string) => string
  timelineValue: (value: string, percent: number) => string
  timelineAfter: (date: string) => string
  termsHeading: string
  terms: (brand: string) => string[]
  privacyHeading: string
  privacyShort: (p: CertificatePrivacy) => string[]
  grievanceOfficer: (o: { name: string; email: string; phone: string }) => string
  consentRecorded: (version: string) => string
  scanQr: string
  /** Beside a QR code carrying head office's public plan page. */
  scanQrPage: string
  computerGenerated: string
  duplicate: (copy: number) => string
  training: string
  thanks: string
  creditNoteNo: string
  phoneReturned: string
  inspection: string
  verdicts: Record<'passed' | 'failed', string>
  technician: string
  phoneAge: string
  ageMonth: (month: number) => string
  assuredValue: (percent: number) => string
  upgradeCredit: string
  newPhone: string
  price: string
  salesInvoice: string
  balancePaid: string
  exchangeVoucherFootnote: (brand: string) => string
  notAGstDocument: string
  inspectionRef: string
  excessNotCarried: string
  handoverSection: string
  handoverDeclared: string
  customerCheckedBy: string
  customerChecks: Record<'otp' | 'id-check', string>
  signatureCaption: (sha256: string) => string
  slipNo: string
  notEligibleIntro: (zero: string) => string
  failedChecks: string
  notEligibleNextStep: string
  voucherNo: string
  originalInvoice: string
  reason: string
  approvedBy: string
  feeCharged: string
  refund: string
  refundedBy: string
  noRefund: string
  planCancelled: string
  businessDate: string
  enrollments: string
  count: string
  planFees: string
  gst: string
  collections: string
  collected: string
  redemptions: string
  creditGiven: string
  newPhoneSales: string
  ineligiblePhones: string
  cancellations: string
  refunds: string
  netCollected: string
  cashInDrawer: string
  pendingSync: string
  pendingPrint: string
  reportFooter: string
  recipientHeading: string
  recipientGstin: string
  legalName: string
  billingAddress: string
  gstOfDay: string
  invoices: string
  creditNotes: string
  net: string
  total: string
}

const en: Labels = {
  program: 'Smart Upgrade',
  taxInvoice: 'Tax invoice',
  enrollmentTitle: 'Smart Upgrade plan – enrollment receipt',
  creditNoteTitle: 'Credit note',
  exchangeVoucherTitle: 'Exchange (buyback) voucher',
  ineligibilityTitle: 'Inspection result – not eligible',
  cancellationTitle: 'Plan cancellation notice',
  creditNoteSubtitle: 'Plan fee refunded: cancelled within the cooling-off period',
  originalInvoiceDate: 'Original invoice date',
  reversed: 'Reversed (taxable value and tax)',
  totalCredited: 'Total credited (refund)',
  notATaxDocument: 'Not a tax document: no GST is reversed.',
  endOfDayTitle: 'End-of-day report',
  invoiceNo: 'Invoice no.',
  dateTime: 'Date',
  placeOfSupply: 'Place of supply',
  reverseCharge: 'Reverse charge',
  no: 'No',
  forSupplier: (name) => `For ${name}`,
  authorisedSignatory: 'Authorised signatory',
  kiosk: 'Kiosk',
  servedBy: 'Served by',
  customer: 'Customer',
  name: 'Name',
  mobile: 'Mobile',
  idKinds: {
    aadhaar: 'Aadhaar',
    'aadhaar-vid': 'Aadhaar Virtual ID',
    pan: 'PAN',
    'driving-licence': 'Driving licence',
    'voter-id': 'Voter ID',
    passport: 'Passport',
  },
  phone: 'Phone',
  model: 'Model',
  variant: 'Variant',
  purchaseInvoice: 'Purchase invoice',
  purchaseDate: 'Purchase date',
  purchasePrice: 'Price paid',
  feeHeading: 'Plan fee',
  feeDescription: 'Smart Upgrade plan fee',
  taxableValue: 'Taxable value',
  totalInclGst: 'Total (incl. GST)',
  payment: 'Payment',
  paidBy: 'Paid by',
  methods: { cash: 'Cash', upi: 'UPI', card: 'Card' },
  reference: 'Reference',
  planHeading: 'Plan certificate',
  planNumber: 'Plan number',
  srpOnPlan: 'SRP recorded on plan',
  timelineHeading: 'Your assured upgrade value',
  timelineBefore: (d) => `before ${d}: not yet redeemable`,
  timelineBand: (from, to) => `from ${from} to ${to}`,
  timelineValue: (value, p) => `${value}\u00a0(${p}%)`,
  timelineAfter: (d) => `after ${d}: plan expired`,
  termsHeading: 'Key terms',
  terms: (brand) => [
    `The value is given only as credit against a new ${brand} phone bought at a program store, never as cash.`,
    'The phone must power on and work, with no physical damage and no part missing or replaced.',
    'The value is a share of the SRP recorded on this plan, not of the price on the upgrade day.',
    'Bring this receipt (or the plan number) and the ID shown at enrollment.',
  ],
  privacyHeading: 'Your data (DPDP Act 2023)',
  privacyShort: (p) => [
    `Used for this plan, tax records and service messages${p.notifications ? '' : ' (declined)'}; offers ${p.marketing ? 'as you asked' : 'only if you ask'}. ID details erased ${p.retentionDays} days after the plan ends; the tax invoice is kept as GST law requires. See, correct or erase your data or withdraw consent at any program store.`,
  ],
  grievanceOfficer: (o) => `Grievance officer: ${o.name}, ${o.email}, ${o.phone}.`,
  consentRecorded: (v) => `Consent to notice ${v}.`,
  scanQr:
    'This code is your plan number: show it at any program store, whose kiosk scans it to find your plan.',
  scanQrPage:
    'Scan this code with your phone to see your plan: its value today, the next step-down and the stores. It shows no name, mobile or ID. At any program store the kiosk scans it to find your plan.',
  computerGenerated: 'Computer-generated invoice.',
  duplicate: (n) => `DUPLICATE – copy ${n}`,
  training: 'TRAINING – NOT A VALID DOCUMENT',
  thanks: 'Thank you',
  creditNoteNo: 'Credit note no.',
  phoneReturned: 'Phone taken in',
  inspection: 'Inspection',
  verdicts: { passed: 'Passed', failed: 'Failed' },
  technician: 'Technician',
  phoneAge: 'Phone age',
  ageMonth: (m) => `month ${m}`,
  assuredValue: (p) => `Assured value (${p}% of SRP)`,
  upgradeCredit: 'Upgrade credit',
  newPhone: 'New phone',
  price: 'Price',
  salesInvoice: 'New phone tax invoice (POS)',
  balancePaid: 'Balance paid',
  exchangeVoucherFootnote: (brand) =>
    `The old phone is bought back at its assured value, applied as credit to the new ${brand} phone above; not payable in cash. The new phone is invoiced by the store's POS on the tax invoice above, with GST on its full price: the exchange value is part of the consideration paid for it, not a discount (CGST Rules, Rule 27).`,
  notAGstDocument: 'Not a tax invoice: the new phone is invoiced by the POS',
  inspectionRef: 'Inspection ref.',
  excessNotCarried: "Assured value above the new phone's price is not carried over.",
  handoverSection: 'Hand-over declaration',
  handoverDeclared:
    'The customer declared the old phone theirs, removed the Mi and Google accounts, wiped ' +
    'the data and handed the phone over to the store.',
  customerCheckedBy: 'Customer checked by',
  customerChecks: { otp: 'SMS code', 'id-check': 'ID seen (offline)' },
  signatureCaption: (sha256) => `Customer's signature, SHA-256 ${sha256.slice(0, 16)}`,
  slipNo: 'Slip no.',
  notEligibleIntro: (zero) =>
    `The phone did not pass these required checks, so no upgrade value can be given (${zero}).`,
  failedChecks: 'Failed checks',
  notEligibleNextStep:
    'Your plan is unchanged: you may ask for another inspection while the plan is valid.',
  voucherNo: 'Voucher no.',
  originalInvoice: 'Original invoice',
  reason: 'Reason',
  approvedBy: 'Approved by',
  feeCharged: 'Plan fee charged',
  refund: 'Refund',
  refundedBy: 'Refunded by',
  noRefund: 'Cancelled after the cooling-off period: no refund.',
  planCancelled: 'This plan is cancelled and can no longer be redeemed.',
  businessDate: 'Business date',
  enrollments: 'Enrollments',
  count: 'Count',
  planFees: 'Plan fees (incl. GST)',
  gst: 'GST',
  collections: 'Collections by payment method',
  collected: 'Collected',
  redemptions: 'Upgrades (redemptions)',
  creditGiven: 'Credit given',
  newPhoneSales: 'New phone sales',
  ineligiblePhones: 'Phones found ineligible',
  cancellations: 'Cancellations',
  refunds: 'Refunds',
  netCollected: 'Net collected',
  cashInDrawer: 'Cash expected in drawer',
  pendingSync: 'Events waiting to sync',
  pendingPrint: 'Print jobs waiting',
  reportFooter: 'For store records. Not a tax document.',
  recipientHeading: 'Billed to (registered recipient)',
  recipientGstin: 'GSTIN of recipient',
  legalName: 'Legal name',
  billingAddress: 'Address',
  gstOfDay: 'GST of the day (invoices less credit notes)',
  invoices: 'Tax invoices',
  creditNotes: 'Credit notes',
  net: 'Net',
  total: 'Total',
}

const hi: Labels = {
  program: 'स्मार्ट अपग्रेड',
  taxInvoice: 'टैक्स इनवॉइस',
  enrollmentTitle: 'स्मार्ट अपग्रेड प्लान – नामांकन रसीद',
  creditNoteTitle: 'क्रेडिट नोट',
  exchangeVoucherTitle: 'एक्सचेंज (बायबैक) वाउचर',
  ineligibilityTitle: 'जाँच परिणाम – पात्र नहीं',
  cancellationTitle: 'प्लान रद्दीकरण सूचना',
  creditNoteSubtitle: 'प्लान शुल्क वापस: कूलिंग-ऑफ़ अवधि में रद्द',
  originalInvoiceDate: 'मूल इनवॉइस की तारीख',
  reversed: 'वापस (कर योग्य मूल्य और कर)',
  totalCredited: 'कुल क्रेडिट (धनवापसी)',
  notATaxDocument: 'यह कर दस्तावेज़ नहीं है: कोई GST वापस नहीं।',
  endOfDayTitle: 'दिन के अंत की रिपोर्ट',
  invoiceNo: 'इनवॉइस संख्या',
  dateTime: 'दिनांक',
  placeOfSupply: 'आपूर्ति का स्थान',
  reverseCharge: 'रिवर्स चार्ज',
  no: 'नहीं',
  forSupplier: (name) => `कृते ${name}`,
  authorisedSignatory: 'अधिकृत हस्ताक्षरकर्ता',
  kiosk: 'कियॉस्क',
  servedBy: 'कर्मचारी',
  customer: 'ग्राहक',
  name: 'नाम',
  mobile: 'मोबाइल',
  idKinds: {
    aadhaar: 'आधार',
    'aadhaar-vid': 'आधार वर्चुअल आईडी',
    pan: 'पैन',
    'driving-licence': 'ड्राइविंग लाइसेंस',
    'voter-id': 'मतदाता पहचान पत्र',
    passport: 'पासपोर्ट',
  },
  phone: 'फ़ोन',
  model: 'मॉडल',
  variant: 'वेरिएंट',
  purchaseInvoice: 'खरीद इनवॉइस',
  purchaseDate: 'खरीद की तारीख',
  purchasePrice: 'भुगतान की गई कीमत',
  feeHeading: 'प्लान शुल्क',
  feeDescription: 'स्मार्ट अपग्रेड प्लान शुल्क',
  taxableValue: 'कर योग्य मूल्य',
  totalInclGst: 'कुल (GST सहित)',
  payment: 'भुगतान',
  paidBy: 'भुगतान माध्यम',
  methods: { cash: 'नकद', upi: 'UPI', card: 'कार्ड' },
  reference: 'संदर्भ',
  planHeading: 'प्लान प्रमाणपत्र',
  planNumber: 'प्लान संख्या',
  srpOnPlan: 'प्लान पर दर्ज SRP',
  timelineHeading: 'आपका सुनिश्चित अपग्रेड मूल्य',
  timelineBefore: (d) => `${d} से पहले: अभी रिडीम नहीं`,
  timelineBand: (from, to) => `${from} से ${to} तक`,
  timelineValue: (value, p) => `${value}\u00a0(${p}%)`,
  timelineAfter: (d) => `${d} के बाद: प्लान समाप्त`,
  termsHeading: 'मुख्य शर्तें',
  terms: (brand) => [
    `मूल्य केवल प्रोग्राम स्टोर से खरीदे गए नए ${brand} फ़ोन पर क्रेडिट के रूप में मिलता है, नकद कभी नहीं।`,
    'फ़ोन चालू और काम करता हुआ हो, कोई भौतिक क्षति न हो, और कोई पुर्ज़ा गायब या बदला हुआ न हो।',
    'मूल्य इस प्लान पर दर्ज SRP का हिस्सा है, अपग्रेड के दिन की कीमत का नहीं।',
    'यह रसीद (या प्लान संख्या) और नामांकन के समय दिखाया गया पहचान पत्र साथ लाएँ।',
  ],
  privacyHeading: 'आपका डेटा (डीपीडीपी अधिनियम 2023)',
  privacyShort: (p) => [
    `इस प्लान, कर रिकॉर्ड और सेवा संदेशों के लिए${p.notifications ? '' : ' (संदेशों से मना किया)'}; ऑफ़र ${p.marketing ? 'आपके कहने पर' : 'केवल कहने पर'}। पहचान का विवरण प्लान ख़त्म होने के ${p.retentionDays} दिन बाद मिटाया जाता है; कर इनवॉइस जीएसटी क़ानून के अनुसार रहता है। डेटा देखने, सुधारने, मिटाने या सहमति वापस लेने के लिए किसी भी प्रोग्राम स्टोर पर कहें।`,
  ],
  grievanceOfficer: (o) => `शिकायत अधिकारी: ${o.name}, ${o.email}, ${o.phone}।`,
  consentRecorded: (v) => `सूचना ${v} पर सहमति।`,
  scanQr:
    'यह कोड आपका प्लान नंबर है: इसे किसी भी प्रोग्राम स्टोर पर दिखाएँ, जहाँ कियॉस्क इसे स्कैन करके आपका प्लान खोजता है।',
  scanQrPage:
    'अपना प्लान देखने के लिए इस कोड को अपने फ़ोन से स्कैन करें: आज का मूल्य, अगली कटौती और स्टोर। इसमें कोई नाम, मोबाइल या पहचान पत्र नहीं दिखता। किसी भी प्रोग्राम स्टोर पर कियॉस्क इसे स्कैन करके आपका प्लान खोजता है।',
  computerGenerated: 'कंप्यूटर जनित इनवॉइस।',
  duplicate: (n) => `डुप्लिकेट – प्रति ${n}`,
  training: 'प्रशिक्षण – मान्य दस्तावेज़ नहीं',
  thanks: 'धन्यवाद',
  creditNoteNo: 'क्रेडिट नोट संख्या',
  phoneReturned: 'लिया गया पुराना फ़ोन',
  inspection: 'जाँच',
  verdicts: { passed: 'सफल', failed: 'असफल' },
  technician: 'तकनीशियन',
  phoneAge: 'फ़ोन की आयु',
  ageMonth: (m) => `${m}वाँ महीना`,
  assuredValue: (p) => `सुनिश्चित मूल्य (SRP का ${p}%)`,
  upgradeCredit: 'अपग्रेड क्रेडिट',
  newPhone: 'नया फ़ोन',
  price: 'कीमत',
  salesInvoice: 'नए फ़ोन का टैक्स इनवॉइस (POS)',
  balancePaid: 'शेष भुगतान',
  exchangeVoucherFootnote: (brand) =>
    `पुराना फ़ोन उसके सुनिश्चित मूल्य पर वापस खरीदा गया है, जो ऊपर दिए नए ${brand} फ़ोन पर क्रेडिट के रूप में लागू है; नकद देय नहीं। नए फ़ोन का टैक्स इनवॉइस स्टोर का POS ऊपर दी संख्या से जारी करता है, उसकी पूरी कीमत पर GST के साथ: एक्सचेंज मूल्य उसके प्रतिफल का हिस्सा है, छूट नहीं (CGST नियम, नियम 27)।`,
  notAGstDocument: 'टैक्स इनवॉइस नहीं: नए फ़ोन का इनवॉइस POS जारी करता है',
  inspectionRef: 'जाँच संदर्भ',
  excessNotCarried: 'नए फ़ोन की कीमत से अधिक सुनिश्चित मूल्य आगे नहीं ले जाया जाता।',
  handoverSection: 'फ़ोन सौंपने की घोषणा',
  handoverDeclared:
    'ग्राहक ने घोषणा की कि पुराना फ़ोन उनका है, Mi और Google अकाउंट हटा दिए गए हैं, डेटा मिटा ' +
    'दिया गया है और फ़ोन स्टोर को सौंप दिया गया है।',
  customerCheckedBy: 'ग्राहक की जाँच',
  customerChecks: { otp: 'SMS कोड', 'id-check': 'पहचान पत्र देखा (ऑफ़लाइन)' },
  signatureCaption: (sha256) => `ग्राहक के हस्ताक्षर, SHA-256 ${sha256.slice(0, 16)}`,
  slipNo: 'पर्ची संख्या',
  notEligibleIntro: (zero) =>
    `फ़ोन इन आवश्यक जाँचों में सफल नहीं हुआ, इसलिए कोई अपग्रेड मूल्य नहीं दिया जा सकता (${zero})।`,
  failedChecks: 'असफल जाँचें',
  notEligibleNextStep: 'आपका प्लान अपरिवर्तित है: प्लान की वैधता के दौरान आप दोबारा जाँच करवा सकते हैं।',
  voucherNo: 'वाउचर संख्या',
  originalInvoice: 'मूल इनवॉइस',
  reason: 'कारण',
  approvedBy: 'स्वीकृतकर्ता',
  feeCharged: 'लिया गया प्लान शुल्क',
  refund: 'धनवापसी',
  refundedBy: 'धनवापसी माध्यम',
  noRefund: 'कूलिंग-ऑफ़ अवधि के बाद रद्द: कोई धनवापसी नहीं।',
  planCancelled: 'यह प्लान रद्द है और अब रिडीम नहीं किया जा सकता।',
  businessDate: 'कारोबारी दिनांक',
  enrollments: 'नामांकन',
  count: 'संख्या',
  planFees: 'प्लान शुल्क (GST सहित)',
  gst: 'GST',
  collections: 'भुगतान माध्यम अनुसार संग्रह',
  collected: 'कुल संग्रह',
  redemptions: 'अपग्रेड (रिडेम्पशन)',
  creditGiven: 'दिया गया क्रेडिट',
  newPhoneSales: 'नए फ़ोन की बिक्री',
  ineligiblePhones: 'अपात्र पाए गए फ़ोन',
  cancellations: 'रद्दीकरण',
  refunds: 'धनवापसी',
  netCollected: 'शुद्ध संग्रह',
  cashInDrawer: 'दराज़ में अपेक्षित नकद',
  pendingSync: 'सिंक हेतु लंबित',
  pendingPrint: 'लंबित प्रिंट कार्य',
  reportFooter: 'स्टोर रिकॉर्ड हेतु। कर दस्तावेज़ नहीं।',
  recipientHeading: 'बिल प्राप्तकर्ता (पंजीकृत)',
  recipientGstin: 'प्राप्तकर्ता का GSTIN',
  legalName: 'कानूनी नाम',
  billingAddress: 'पता',
  gstOfDay: 'दिन का GST (इनवॉइस घटा क्रेडिट नोट)',
  invoices: 'टैक्स इनवॉइस',
  creditNotes: 'क्रेडिट नोट',
  net: 'शुद्ध',
  total: 'कुल',
}

/** The labels of one language. */
export function labelsFor(lang: Lang): Labels {
  return lang === 'hi' ? hi : en
}
