import { createHash } from 'node:crypto'
import type { PlanPage, PublicPlanView } from '../services/plan-page'

// Head office's public plan page as server-rendered HTML (docs/program-rules.md#the-customers-own-view):
// one small document, its one stylesheet inline and allowed by hash, no script, no image, no
// form; readable on a phone at 390 × 844. English and Hindi.

export type PageLang = 'en' | 'hi'

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans","Noto Sans Devanagari",system-ui,sans-serif;font-size:17px;line-height:1.5;color:#1a1a1a;background:#f4f5f7}
main{max-width:34rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:baseline;gap:1rem}
h1{font-size:1.35rem;margin:.25rem 0 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem}
section{background:#fff;border:1px solid #d0d4da;border-radius:10px;padding:1rem;margin:0 0 1rem}
section>:first-child{margin-top:0}section>:last-child{margin-bottom:0}
.value{font-size:2rem;font-weight:700;margin:.25rem 0}
.status{display:inline-block;padding:.15rem .6rem;border-radius:999px;background:#e6f0ff;color:#0b3d91;font-weight:600}
.status.closed{background:#f1e6e6;color:#7a1c1c}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:.4rem .25rem;border-bottom:1px solid #e3e6ea;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
tr.now td{font-weight:700;background:#fff7d6}
dl{margin:0;display:grid;grid-template-columns:auto minmax(0,1fr);gap:.25rem .75rem}
dt{color:#4a4f57}dd{margin:0;overflow-wrap:anywhere}
ul{margin:0;padding-left:1.2rem}
a{color:#0b3d91}
.muted{color:#4a4f57;font-size:.95rem}
`

/** The page's Content-Security-Policy: its own inline stylesheet (by hash) and nothing else. */
export const PLAN_PAGE_CSP = [
  `default-src 'none'`,
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  `base-uri 'none'`,
  `form-action 'none'`,
  `frame-ancestors 'none'`,
].join('; ')

const T = {
  en: {
    title: 'Your assured-value plan',
    other: { label: 'हिन्दी', lang: 'hi' },
    invalidTitle: 'This link is not valid',
    invalid:
      'This plan link is not valid. Check that you scanned the code on your plan certificate, or ask at any program store.',
    pendingTitle: 'Your plan is on its way',
    pending:
      'The store’s kiosk has not sent this plan to head office yet. Kiosks send their sales every few minutes when they are online: look again in a few hours, or tomorrow.',
    phone: 'Phone',
    model: 'Model',
    email: 'E-mail',
    imei: 'IMEI',
    status: 'Status',
    statuses: {
      'too-early': 'Not yet redeemable',
      redeemable: 'Redeemable',
      expired: 'Plan expired',
      redeemed: 'Redeemed',
      cancelled: 'Cancelled',
    },
    valueToday: (d: string) => `Value today (${d})`,
    percentOf: (p: number) => `${p}% of the price on your plan`,
    nextStep: (from: string, amount: string, p: number) =>
      p > 0
        ? `From ${from} the value becomes ${amount} (${p}%).`
        : `The plan ends on the day before ${from}.`,
    firstValue: (from: string, amount: string, p: number) =>
      `Redeemable from ${from}: ${amount} (${p}%).`,
    timeline: 'How the value steps down',
    months: (a: number, b: number) => `Months ${a}–${b}`,
    fromTo: (a: string, b: string) => `${a} to ${b}`,
    stores: 'Where to upgrade',
    storesNote: 'Take the phone to any program store with the plan certificate.',
    rights: 'Your data',
    rightsText:
      'This page shows no name, mobile number or ID. To see, correct or erase your data, or withdraw consent, ask at any program store or write to the grievance officer:',
    noOfficer: 'Ask at any program store.',
    closedNote: 'This plan is closed: it has no value to redeem.',
  },
  hi: {
    title: 'आपका सुनिश्चित-मूल्य प्लान',
    other: { label: 'English', lang: 'en' },
    invalidTitle: 'यह लिंक मान्य नहीं है',
    invalid:
      'यह प्लान लिंक मान्य नहीं है। जाँचें कि आपने अपने प्लान प्रमाणपत्र का कोड स्कैन किया है, या किसी भी प्रोग्राम स्टोर पर पूछें।',
    pendingTitle: 'आपका प्लान आ रहा है',
    pending:
      'स्टोर के कियॉस्क ने यह प्लान अभी मुख्य कार्यालय को नहीं भेजा है। ऑनलाइन होने पर कियॉस्क हर कुछ मिनट में बिक्री भेजते हैं: कुछ घंटों बाद या कल फिर देखें।',
    phone: 'फ़ोन',
    model: 'मॉडल',
    email: 'ई-मेल',
    imei: 'IMEI',
    status: 'स्थिति',
    statuses: {
      'too-early': 'अभी रिडीम नहीं हो सकता',
      redeemable: 'रिडीम हो सकता है',
      expired: 'प्लान समाप्त',
      redeemed: 'रिडीम हो चुका',
      cancelled: 'रद्द',
    },
    valueToday: (d: string) => `आज का मूल्य (${d})`,
    percentOf: (p: number) => `आपके प्लान पर दर्ज कीमत का ${p}%`,
    nextStep: (from: string, amount: string, p: number) =>
      p > 0
        ? `${from} से मूल्य ${amount} (${p}%) हो जाएगा।`
        : `प्लान ${from} से एक दिन पहले समाप्त होता है।`,
    firstValue: (from: string, amount: string, p: number) =>
      `${from} से रिडीम हो सकता है: ${amount} (${p}%)।`,
    timeline: 'मूल्य कैसे घटता है',
    months: (a: number, b: number) => `महीने ${a}–${b}`,
    fromTo: (a: string, b: string) => `${a} से ${b}`,
    stores: 'अपग्रेड कहाँ करें',
    storesNote: 'प्लान प्रमाणपत्र के साथ फ़ोन किसी भी प्रोग्राम स्टोर पर ले जाएँ।',
    rights: 'आपका डेटा',
    rightsText:
      'इस पेज पर कोई नाम, मोबाइल नंबर या पहचान पत्र नहीं दिखता। अपना डेटा देखने, सुधारने, मिटाने या सहमति वापस लेने के लिए किसी भी प्रोग्राम स्टोर पर पूछें या शिकायत अधिकारी को लिखें:',
    noOfficer: 'किसी भी प्रोग्राम स्टोर पर पूछें।',
    closedNote: 'यह प्लान बंद है: इसका रिडीम करने लायक कोई मूल्य नहीं है।',
  },
} as const

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function money(paise: number, lang: PageLang): string {
  const rupees = Math.round(paise / 100)
  return `₹${new Intl.NumberFormat(lang === 'hi' ? 'hi-IN' : 'en-IN').format(rupees)}`
}

function date(d: string, lang: PageLang): string {
  return new Intl.DateTimeFormat(lang === 'hi' ? 'hi-IN' : 'en-IN', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${d}T00:00:00Z`))
}

/** The language of a request: `?lang=` wins, then the first of hi/en in Accept-Language. */
export function pageLang(query: unknown, acceptLanguage: string | undefined): PageLang {
  const asked = (query as { lang?: unknown } | null)?.lang
  if (asked === 'hi' || asked === 'en') return asked
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag: (tag ?? '').split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((t) => t.tag === 'hi' || t.tag === 'en')
    .sort((a, b) => b.q - a.q)
  return tags[0]?.tag === 'hi' ? 'hi' : 'en'
}

function shell(lang: PageLang, title: string, body: string): string {
  const L = T[lang]
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${esc(title)}</h1><a href="?lang=${L.other.lang}" lang="${L.other.lang}" hreflang="${L.other.lang}">${L.other.label}</a></header>
${body}
</main>
</body>
</html>
`
}

function planBody(v: PublicPlanView, lang: PageLang): string {
  const L = T[lang]
  const closed = v.status === 'redeemed' || v.status === 'cancelled'
  const statusText = L.statuses[v.status]
  const value = closed
    ? `<p>${esc(L.closedNote)}</p>`
    : v.status === 'too-early' && v.next
      ? `<p>${esc(L.firstValue(date(v.next.from, lang), money(v.next.valuePaise, lang), v.next.percent))}</p>`
      : `<h2>${esc(L.valueToday(date(v.today, lang)))}</h2>
<p class="value">${money(v.valuePaise, lang)}</p>
<p class="muted">${esc(L.percentOf(v.percent))}</p>
${v.next ? `<p>${esc(L.nextStep(date(v.next.from, lang), money(v.next.valuePaise, lang), v.next.percent))}</p>` : ''}`
  const rows = v.timeline
    .map((b) => {
      const now = !closed && v.today >= b.from && v.today <= b.to
      return `<tr${now ? ' class="now"' : ''}><td>${esc(L.months(b.fromMonth, b.toMonth))}<br><span class="muted">${esc(L.fromTo(date(b.from, lang), date(b.to, lang)))}</span></td><td class="num">${b.percent}%<br>${money(b.valuePaise, lang)}</td></tr>`
    })
    .join('\n')
  const stores = v.stores
    .map((s) => `<li>${esc(s.name)}<br><span class="muted">${esc(s.address)}</span></li>`)
    .join('\n')
  const officer = v.grievance
    ? `<p>${esc(v.grievance.name)}</p>
<dl><dt>${esc(L.email)}</dt><dd><a href="mailto:${esc(v.grievance.email)}">${esc(v.grievance.email)}</a></dd>
<dt>${esc(L.phone)}</dt><dd><a href="tel:${esc(v.grievance.phone)}">${esc(v.grievance.phone)}</a></dd></dl>`
    : `<p>${esc(L.noOfficer)}</p>`
  return `<section aria-labelledby="phone-h">
<h2 id="phone-h">${esc(L.phone)}</h2>
<dl><dt>${esc(L.model)}</dt><dd>${esc(`${v.brand} ${v.modelName} (${v.variantName})`.trim())}</dd>
<dt>${L.imei}</dt><dd>${v.imeiLast4.map((d) => `•••• ${esc(d)}`).join(', ')}</dd>
<dt>${esc(L.status)}</dt><dd><span class="status${closed || v.status === 'expired' ? ' closed' : ''}">${esc(statusText)}</span></dd></dl>
</section>
<section aria-label="${esc(L.status)}">
${value}
</section>
<section aria-labelledby="timeline-h">
<h2 id="timeline-h">${esc(L.timeline)}</h2>
<table><tbody>
${rows}
</tbody></table>
</section>
<section aria-labelledby="stores-h">
<h2 id="stores-h">${esc(L.stores)}</h2>
<p class="muted">${esc(L.storesNote)}</p>
<ul>
${stores}
</ul>
</section>
<section aria-labelledby="rights-h">
<h2 id="rights-h">${esc(L.rights)}</h2>
<p>${esc(L.rightsText)}</p>
${officer}
</section>`
}

/** The page of a {@link PlanPage}: the plan, "on its way", or the one "not valid" page. */
export function renderPlanPage(page: PlanPage, lang: PageLang): string {
  const L = T[lang]
  switch (page.kind) {
    case 'invalid':
      return shell(lang, L.invalidTitle, `<section><p>${esc(L.invalid)}</p></section>`)
    case 'pending':
      return shell(lang, L.pendingTitle, `<section><p>${esc(L.pending)}</p></section>`)
    case 'plan':
      return shell(lang, L.title, planBody(page.view, lang))
  }
}
