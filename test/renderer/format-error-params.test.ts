import { describe, expect, it } from 'vitest'
import { errorWords } from '../../renderer/src/format'
import { createKioskI18n } from '../../renderer/src/i18n'

/** Issue 14 item 3: the enrollment window's refusal says the day count, in English and Hindi. */
describe('an error with values is worded in the clerk’s language', () => {
  const issue = {
    code: 'ENROLLMENT_WINDOW_CLOSED',
    message: 'Bought 9 days ago; plans can be added within 7 days of purchase.',
    params: { daysSince: 9, windowDays: 7 },
  }
  const words = (lang: 'en' | 'hi') => {
    const { t, te } = createKioskI18n(lang).global
    return errorWords(issue, { t, te } as never, (iso) => iso)
  }

  it('states the days since purchase and the days allowed', () => {
    expect(words('en')).toBe(
      'Too late: bought 9 days ago; plans can be added within 7 days of purchase.',
    )
    expect(words('hi')).toBe(
      'देर हो गई: फ़ोन 9 दिन पहले ख़रीदा गया; प्लान ख़रीद के 7 दिनों के भीतर ही जोड़ा जा सकता है।',
    )
  })

  it('falls back to the code’s general text without values', () => {
    const { t, te } = createKioskI18n('hi').global
    expect(errorWords({ code: 'PIN_LOCKED', message: 'x' }, { t, te } as never, String)).toBe(
      'बहुत बार ग़लत पिन डाला गया। स्टोर मैनेजर से खाता खुलवाएँ।',
    )
  })
})
