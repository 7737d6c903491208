import type { Catalog } from '../../shared/catalog'
import { assuredValue, formatDisplayDate, formatRupees, valueTimeline } from '../../shared/domain'
import type { TimelineBand } from '../../shared/domain'
import type { PlanRow } from '../db/repos/plan-row'
import type { NotificationDraft } from './draft'
import { SMS_TEMPLATES, assertMatchesTemplate, renderSms, type SmsTemplate } from './templates'

/**
 * The customer messages (docs/program-rules.md#customer-messages), built from the plan's frozen
 * SRP, dates and schedule with shared/domain (never re-deriving the rules here).
 *
 * All of them are **service messages** — plan details, step-down reminders, the redemption
 * confirmation — sent on the customer's service-message consent (`plan.notify`, issue 18). Offers
 * would need the separate marketing opt-in; head office sends none.
 */

/** Who an e-mail is from and whom to complain to: the plan's store and the grievance officer. */
export interface Letterhead {
  storeName: string
  brand: string
  grievance: { name: string; email: string; phone: string } | null
}

/** The letterhead of a plan's e-mails from a published catalog (the store's name, the officer). */
export function letterheadOf(catalog: Catalog | null | undefined, storeCode: string): Letterhead {
  return {
    storeName: catalog?.stores.find((s) => s.code === storeCode)?.name ?? storeCode,
    brand: catalog?.brand ?? 'Xiaomi',
    grievance: catalog?.privacy?.grievanceOfficer ?? null,
  }
}

/** The e-mail's closing lines: store, key terms, grievance contact, why the customer gets it. */
function footerLines(l: Letterhead): string[] {
  return [
    '',
    '--',
    `${l.storeName} · Smart Upgrade programme`,
    `Terms: the assured value is given only as credit against a new ${l.brand} phone bought at a ` +
      'program store, never as cash; the full terms are on your plan certificate.',
    l.grievance
      ? `Questions or complaints about your data: ${l.grievance.name}, ${l.grievance.email}, ${l.grievance.phone}.`
      : 'Questions or complaints about your data: ask at any program store.',
    'You get this service message because you asked for messages about your plan at enrollment.',
  ]
}

const rupees = (paise: number) => formatRupees(paise, { symbol: false })
const date = (d: string) => formatDisplayDate(d, 'en')
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

function sms(
  template: SmsTemplate,
  plan: PlanRow,
  variables: string[],
  dedupeKey: string,
  notBefore: number,
): NotificationDraft {
  const body = renderSms(template, variables)
  assertMatchesTemplate(template, body)
  return {
    // Every template but the one-time code's, which is never queued (services/otp.ts).
    kind: template.name as NotificationDraft['kind'],
    channel: 'sms',
    planNumber: plan.planNumber,
    recipient: plan.mobile,
    templateId: template.name,
    variables: variables.map((v) => v.slice(0, 30)),
    subject: null,
    body,
    html: null,
    dedupeKey: `${dedupeKey}:sms`,
    notBefore,
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function timelineText(bands: TimelineBand[]): string {
  return bands
    .map((b) => `  ${date(b.from)} – ${date(b.to)}: ${b.percent}% = Rs ${rupees(b.valuePaise)}`)
    .join('\n')
}

function timelineHtml(bands: TimelineBand[]): string {
  const rows = bands
    .map(
      (b) =>
        `<tr><td>${date(b.from)}</td><td>${date(b.to)}</td><td>${b.percent}%</td>` +
        `<td>&#8377;${rupees(b.valuePaise)}</td></tr>`,
    )
    .join('')
  return (
    '<table border="1" cellpadding="4"><tr><th>From</th><th>To</th><th>Share of SRP</th>' +
    `<th>Assured value</th></tr>${rows}</table>`
  )
}

function email(
  kind: NotificationDraft['kind'],
  plan: PlanRow,
  letterhead: Letterhead,
  content: { subject: string; text: string; html: string },
  dedupeKey: string,
  notBefore: number,
): NotificationDraft[] {
  if (!plan.email) return []
  const footer = footerLines(letterhead)
  const subject = content.subject
  const text = [content.text, ...footer].join('\n')
  const html =
    content.html +
    `<hr><p style="color:#555;font-size:90%">${footer.slice(2).map(escapeHtml).join('<br>')}</p>`
  return [
    {
      kind,
      channel: 'email',
      planNumber: plan.planNumber,
      recipient: plan.email,
      templateId: null,
      variables: [],
      subject,
      body: text,
      html: `<html><body>${html}</body></html>`,
      dedupeKey: `${dedupeKey}:email`,
      notBefore,
    },
  ]
}

/** Plan details with the value timeline, sent after enrollment (a service message). */
export function planEnrolledMessages(
  plan: PlanRow,
  letterhead: Letterhead,
  now: number,
): NotificationDraft[] {
  if (!plan.notify) return []
  const bands = valueTimeline(plan.srpPaise, plan.purchaseDate, plan.schedule ?? undefined)
  const first = bands[0] as TimelineBand
  const last = bands[bands.length - 1] as TimelineBand
  const key = `enrolled:${plan.planNumber}`
  const text = [
    `Dear ${plan.customerName},`,
    '',
    `Your Smart Upgrade plan ${plan.planNumber} is active.`,
    `Phone: ${plan.modelName} (${plan.variantName}), IMEI ${plan.imeis.join(' / ')}`,
    `Purchased on ${date(plan.purchaseDate)}; SRP Rs ${rupees(plan.srpPaise)}; plan fee Rs ${rupees(plan.feePaise)}.`,
    '',
    'Your assured upgrade value:',
    timelineText(bands),
    '',
    'Bring the phone and this plan number to any Mi store to upgrade to a new Xiaomi phone.',
  ].join('\n')
  const html =
    `<p>Dear ${escapeHtml(plan.customerName)},</p>` +
    `<p>Your Smart Upgrade plan <b>${escapeHtml(plan.planNumber)}</b> is active.</p>` +
    `<p>${escapeHtml(plan.modelName)} (${escapeHtml(plan.variantName)}), purchased on ` +
    `${date(plan.purchaseDate)}; SRP &#8377;${rupees(plan.srpPaise)}.</p>` +
    timelineHtml(bands)
  return [
    sms(
      SMS_TEMPLATES['plan-enrolled'],
      plan,
      [
        firstName(plan.customerName),
        plan.planNumber,
        plan.modelName,
        rupees(first.valuePaise),
        date(first.from),
        date(last.to),
      ],
      key,
      now,
    ),
    ...email(
      'plan-enrolled',
      plan,
      letterhead,
      { subject: `Your Smart Upgrade plan ${plan.planNumber}`, text, html },
      key,
      now,
    ),
  ]
}

/**
 * The reminder `daysBefore` days ahead of the plan's next step-down as seen on `today`, or none
 * when today is not that day. `sendAt` is when (epoch ms) it may go out.
 */
export function stepDownReminderMessages(
  plan: PlanRow,
  letterhead: Letterhead,
  today: string,
  daysBefore: number,
  addDaysFn: (d: string, n: number) => string,
  sendAt: number,
): NotificationDraft[] {
  if (!plan.notify || plan.status !== 'active') return []
  const lookAhead = addDaysFn(today, daysBefore)
  const onLookAhead = assuredValue({
    srpPaise: plan.srpPaise,
    purchaseDate: plan.purchaseDate,
    onDate: addDaysFn(lookAhead, -1),
    schedule: plan.schedule ?? undefined,
  })
  // A step-down happens on `lookAhead` exactly when the quote of the day before says so.
  if (onLookAhead.status !== 'redeemable' || onLookAhead.next?.from !== lookAhead) return []
  const next = onLookAhead.next
  const key = `reminder:${plan.planNumber}:${next.from}`
  const text = [
    `Dear ${plan.customerName},`,
    '',
    `The assured value of your Smart Upgrade plan ${plan.planNumber} (${plan.modelName}) is`,
    `Rs ${rupees(onLookAhead.valuePaise)} until ${date(onLookAhead.bandEnds ?? today)}.`,
    next.percent > 0
      ? `From ${date(next.from)} it becomes Rs ${rupees(next.valuePaise)}.`
      : `The plan expires after ${date(onLookAhead.expiresAfter)}.`,
    '',
    'Upgrade at any Mi store before then to get the higher value.',
  ].join('\n')
  const html = text
    .split('\n')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')
  return [
    sms(
      SMS_TEMPLATES['step-down-reminder'],
      plan,
      [plan.planNumber, rupees(onLookAhead.valuePaise), rupees(next.valuePaise), date(next.from)],
      key,
      sendAt,
    ),
    ...email(
      'step-down-reminder',
      plan,
      letterhead,
      { subject: `Your assured value changes on ${date(next.from)}`, text, html },
      key,
      sendAt,
    ),
  ]
}

/**
 * Redemption confirmation: a service message, on the service-message consent like the others
 * (whatever the marketing choice).
 */
export function redemptionMessages(
  plan: PlanRow,
  letterhead: Letterhead,
  redemption: {
    redemptionId: string
    onDate: string
    storeCode: string
    creditPaise: number
    newModel: string
  },
  now: number,
): NotificationDraft[] {
  if (!plan.notify) return []
  const key = `redeemed:${plan.planNumber}:${redemption.redemptionId}`
  const text = [
    `Dear ${plan.customerName},`,
    '',
    `Your Smart Upgrade plan ${plan.planNumber} was redeemed on ${date(redemption.onDate)} at store ${redemption.storeCode}.`,
    `Credit of Rs ${rupees(redemption.creditPaise)} was given against your new ${redemption.newModel}.`,
    '',
    'Thank you for upgrading with us.',
  ].join('\n')
  const html = text
    .split('\n')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')
  return [
    sms(
      SMS_TEMPLATES['redemption-confirmed'],
      plan,
      [
        plan.planNumber,
        date(redemption.onDate),
        redemption.storeCode,
        rupees(redemption.creditPaise),
        redemption.newModel,
      ],
      key,
      now,
    ),
    ...email(
      'redemption-confirmed',
      plan,
      letterhead,
      { subject: `Plan ${plan.planNumber} redeemed`, text, html },
      key,
      now,
    ),
  ]
}
