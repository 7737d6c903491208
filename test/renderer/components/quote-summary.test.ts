// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import QuoteSummary from '../../../renderer/src/components/QuoteSummary.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'

const quote = {
  status: 'redeemable',
  ageMonth: 5,
  valuePaise: 979900,
  percent: 70,
  next: null,
  expiresAfter: '2028-02-28',
} as never

const badge = (blocked: boolean, lang: 'en' | 'hi' = 'en') =>
  mount(QuoteSummary, {
    props: { quote, onDate: '2027-04-30', blocked },
    global: { plugins: [createKioskI18n(lang)] },
  })
    .get('[data-testid="quote-badge"]')
    .text()

describe('quote badge (issue 14: "Redeemable" beside "Cannot be redeemed now")', () => {
  it('says Redeemable only when no other rule refuses the redemption today', () => {
    expect(badge(false)).toBe('Redeemable')
    expect(badge(true)).toBe('Not redeemable now')
    expect(badge(true, 'hi')).toBe('अभी रिडीम नहीं हो सकता')
  })
})
