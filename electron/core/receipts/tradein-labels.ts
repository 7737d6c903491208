import type { Lang } from './document'

/**
 * The trade-in voucher's own words (issue 22), apart from the shared labels so the documents of
 * the plan keep theirs. Both kiosk languages.
 */
export interface TradeInLabels {
  title: string
  subtitle: string
  voucherCode: string
  value: string
  validTo: string
  phoneTakenIn: string
  grade: string
  priceFrom: string
  sources: { partner: (partner: string) => string; grid: (partner: string) => string }
  provisional: string
  partnerReference: string
  pending: string
  quoteId: string
  formerPlan: string
  howToUse: (brand: string) => string
  noCash: string
  usedTitle: string
  usedOn: string
  qrCaption: string
  statusUsed: string
  endOfDayHeading: string
  accepted: string
  provisionalCount: string
  vouchersUsed: string
}

const en: TradeInLabels = {
  title: 'Trade-in voucher',
  subtitle: 'Not a GST document',
  voucherCode: 'Voucher code',
  value: 'Voucher value',
  validTo: 'Valid until',
  phoneTakenIn: 'Phone traded in',
  grade: 'Condition grade',
  priceFrom: 'Price from',
  sources: {
    partner: (p) => `${p} (quote)`,
    grid: (p) => `${p} price list (offline)`,
  },
  provisional:
    'PROVISIONAL: priced offline from the price list; the partner confirms it when the kiosk is back online. The value printed here stands.',
  partnerReference: 'Partner reference',
  pending: 'pending',
  quoteId: 'Quote',
  formerPlan: 'Former plan',
  howToUse: (brand) =>
    `Use this voucher once, within its validity, towards a new ${brand} phone at this store: show it with its code at the counter.`,
  noCash: 'Credit only, never cash. A phone priced below the value uses the voucher in full.',
  usedTitle: 'USED',
  usedOn: 'Used on',
  qrCaption: 'Voucher number and code',
  statusUsed: 'Used against a new phone',
  endOfDayHeading: 'Trade-ins',
  accepted: 'Vouchers issued',
  provisionalCount: 'of which provisional',
  vouchersUsed: 'Vouchers used',
}

const hi: TradeInLabels = {
  title: 'ट्रेड-इन वाउचर',
  subtitle: 'GST दस्तावेज़ नहीं',
  voucherCode: 'वाउचर कोड',
  value: 'वाउचर मूल्य',
  validTo: 'मान्य तिथि तक',
  phoneTakenIn: 'ट्रेड-इन किया गया फ़ोन',
  grade: 'स्थिति ग्रेड',
  priceFrom: 'कीमत का स्रोत',
  sources: {
    partner: (p) => `${p} (कोटेशन)`,
    grid: (p) => `${p} मूल्य सूची (ऑफ़लाइन)`,
  },
  provisional:
    'अस्थायी: कीमत ऑफ़लाइन मूल्य सूची से है; कियॉस्क के ऑनलाइन होने पर पार्टनर इसकी पुष्टि करेगा। यहाँ छपा मूल्य मान्य रहेगा।',
  partnerReference: 'पार्टनर संदर्भ',
  pending: 'लंबित',
  quoteId: 'कोटेशन',
  formerPlan: 'पिछला प्लान',
  howToUse: (brand) =>
    `इस वाउचर का उपयोग इसकी वैधता के भीतर एक बार, इसी स्टोर पर नए ${brand} फ़ोन के लिए करें: काउंटर पर इसे कोड के साथ दिखाएँ।`,
  noCash: 'केवल क्रेडिट, कभी नकद नहीं। मूल्य से सस्ते फ़ोन पर पूरा वाउचर इस्तेमाल हो जाता है।',
  usedTitle: 'इस्तेमाल हो चुका',
  usedOn: 'इस्तेमाल की तिथि',
  qrCaption: 'वाउचर संख्या और कोड',
  statusUsed: 'नए फ़ोन पर इस्तेमाल किया गया',
  endOfDayHeading: 'ट्रेड-इन',
  accepted: 'जारी वाउचर',
  provisionalCount: 'जिनमें अस्थायी',
  vouchersUsed: 'इस्तेमाल हुए वाउचर',
}

export function tradeInLabelsFor(lang: Lang): TradeInLabels {
  return lang === 'hi' ? hi : en
}
