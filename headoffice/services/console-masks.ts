/**
 * How the console shows a person's contact details (docs/privacy.md, docs/console.md#what-the-console-shows-of-a-person):
 * enough to say "the SMS went to your number ending 3210", never the whole number or address.
 */
import { maskMobile } from '../../shared/domain/masking'

// The one mask of a mobile number (shared/domain, as on the kiosk's receipts): the last four digits.
export { maskMobile }

/** `asha.k@example.in` → `a•••@example.in`: the first letter and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 1) return email ? '•••' : ''
  return `${email[0]}•••${email.slice(at)}`
}

/** A recipient of either channel, masked. */
export function maskRecipient(channel: string, recipient: string): string {
  return channel === 'sms' ? maskMobile(recipient) : maskEmail(recipient)
}

/**
 * A gateway's or SMTP server's error text with any mobile number or e-mail address in it masked:
 * a refusal often quotes the address it refused.
 */
export function maskContacts(text: string): string {
  return text
    .replace(
      /(?<!\d)(?:\+?91)?([6-9]\d{5})(\d{4})(?!\d)/g,
      (_m, _a, last4: string) => `XXXXXX${last4}`,
    )
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+\.[a-z]{2,}/gi, (m) => maskEmail(m))
}
