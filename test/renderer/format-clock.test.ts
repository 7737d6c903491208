import { describe, expect, it } from 'vitest'
import { kioskClock, kioskDateTime } from '../../renderer/src/format'
import hi from '../../renderer/src/i18n/hi.json'

describe('header clock (issue 14: "pm" in the Hindi clock)', () => {
  it('is Kolkata time with the day period in the kiosk’s language', () => {
    const at = new Date('2026-11-30T16:56:00Z') // 22:26 in Kolkata
    expect(kioskClock(at, (pm) => (pm ? hi.app.pm : hi.app.am))).toMatch(/^10:26\s+अपराह्न$/)
    expect(kioskClock(new Date('2026-11-30T03:00:00Z'), (pm) => (pm ? 'pm' : 'am'))).toMatch(
      /^08:30\s+am$/,
    )
  })
})

describe('date and time on screens (end of day "made at", audit log)', () => {
  it('says the day period in Hindi, not "pm"', () => {
    const at = new Date('2026-11-30T10:00:00Z') // 15:30 in Kolkata
    const hiText = kioskDateTime(at, 'hi', (pm) => (pm ? hi.app.pm : hi.app.am))
    expect(hiText).toContain('03:30')
    expect(hiText).toContain('अपराह्न')
    expect(hiText).not.toMatch(/[ap]m/i)
    expect(kioskDateTime(at, 'en', (pm) => (pm ? 'pm' : 'am'))).toMatch(/30 Nov 2026, 03:30\s+pm/)
  })
})
