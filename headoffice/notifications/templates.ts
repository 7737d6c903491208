import { HeadOfficeError } from '../errors'

/**
 * Transactional SMS templates as registered on the DLT platform (TRAI's rules for Indian
 * commercial SMS): the operator drops any message whose text does not match the registered
 * template with `{#var#}` placeholders, each variable at most 30 characters.
 */
export interface SmsTemplate {
  /**
   * The template's name, what a queued SMS records; the DLT id it is registered under comes from
   * the configuration (SMS_DLT_TEMPLATE_*, headoffice/config.ts).
   */
  name: 'plan-enrolled' | 'step-down-reminder' | 'redemption-confirmed' | 'redemption-otp'
  text: string
}

export const DLT_VAR = '{#var#}'
const MAX_VAR_LENGTH = 30

export const SMS_TEMPLATES: Record<SmsTemplate['name'], SmsTemplate> = {
  'plan-enrolled': {
    name: 'plan-enrolled',
    text:
      'Dear {#var#}, your Smart Upgrade plan {#var#} for {#var#} is active. Assured value ' +
      'Rs {#var#} from {#var#}, then lower every 3 months until {#var#}. -XIAOMI',
  },
  'step-down-reminder': {
    name: 'step-down-reminder',
    text:
      'Reminder: the assured value of Smart Upgrade plan {#var#} goes from Rs {#var#} to ' +
      'Rs {#var#} on {#var#}. Upgrade at a Mi store before then. -XIAOMI',
  },
  'redemption-confirmed': {
    name: 'redemption-confirmed',
    text:
      'Smart Upgrade plan {#var#} was redeemed on {#var#} at store {#var#}. Credit Rs {#var#} ' +
      'given on your new {#var#}. Thank you. -XIAOMI',
  },
  // Sent at once, never queued: the code is in no table or log (headoffice/services/otp.ts).
  'redemption-otp': {
    name: 'redemption-otp',
    text:
      '{#var#} is your code to redeem Smart Upgrade plan {#var#} at the store. Valid for ' +
      '10 minutes. Give it only to the store staff. -XIAOMI',
  },
}

/** Fills the template's placeholders in order; variables are clipped to the DLT maximum. */
export function renderSms(template: SmsTemplate, variables: readonly string[]): string {
  let i = 0
  const text = template.text.replace(/\{#var#\}/g, () => (variables[i++] ?? '').slice(0, 30))
  if (i !== variables.length) {
    throw new HeadOfficeError(
      'TEMPLATE_MISMATCH',
      `Template ${template.name} takes ${i} variables, got ${variables.length}.`,
    )
  }
  return text
}

const patterns = new Map<string, RegExp>()

function templatePattern(template: SmsTemplate): RegExp {
  const cached = patterns.get(template.name)
  if (cached) return cached
  const parts = template.text.split(DLT_VAR).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = new RegExp(`^${parts.join(`([^\\n]{0,${MAX_VAR_LENGTH}})`)}$`)
  patterns.set(template.name, pattern)
  return pattern
}

/**
 * Throws TEMPLATE_MISMATCH unless `text` is exactly what the registered template allows, as the
 * operator's scrubber would check it: fixed text verbatim, each variable within its length.
 */
export function assertMatchesTemplate(template: SmsTemplate, text: string): void {
  if (!templatePattern(template).test(text)) {
    throw new HeadOfficeError(
      'TEMPLATE_MISMATCH',
      `SMS text does not match DLT template ${template.name}.`,
    )
  }
}

// The placeholder ids queued SMS carried before the ids came from configuration (issue 18).
const LEGACY_IDS: Record<string, SmsTemplate['name']> = {
  '1107170000000000101': 'plan-enrolled',
  '1107170000000000102': 'step-down-reminder',
  '1107170000000000103': 'redemption-confirmed',
}

/** The template a queued SMS names (by name, or by a legacy placeholder id), or null. */
export function templateOf(ref: string): SmsTemplate | null {
  const name = Object.hasOwn(SMS_TEMPLATES, ref) ? ref : LEGACY_IDS[ref]
  return name ? SMS_TEMPLATES[name as SmsTemplate['name']] : null
}
