// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import StaffLockouts from '../../../renderer/src/components/StaffLockouts.vue'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { fakeApi, ok } from '../fake-api'

describe('manager unlocks a locked-out staff member (issue 14 item 2)', () => {
  it('shows who is locked out and unlocks them through staff.clearLockout', async () => {
    const locked = new Set(['C1'])
    const api = fakeApi({
      'staff.list': () =>
        ok({
          staff: [
            { code: 'C1', name: 'Asha Clerk', role: 'clerk', lockedOut: locked.has('C1') },
            { code: 'M1', name: 'Meera Manager', role: 'manager', lockedOut: false },
          ],
        }),
      'staff.clearLockout': (req) => {
        locked.delete((req as { staffCode: string }).staffCode)
        return ok({ code: 'C1', failedAttempts: 0 })
      },
    })
    setKioskApi(api.api)
    const w = mount(StaffLockouts, { global: { plugins: [createKioskI18n('hi')] } })
    await flushPromises()
    expect(w.get('[data-testid="staff-row-C1"]').text()).toContain('ग़लत पिन के कारण लॉक')
    expect(w.find('[data-testid="staff-unlock-M1"]').exists()).toBe(false)
    await w.get('[data-testid="staff-unlock-C1"]').trigger('click')
    await flushPromises()
    expect(api.calls.find((c) => c.channel === 'staff.clearLockout')?.request).toEqual({
      staffCode: 'C1',
    })
    expect(w.find('[data-testid="staff-unlock-C1"]').exists()).toBe(false)
    expect(w.text()).toContain('Asha Clerk फिर से साइन इन कर सकते हैं।')
  })
})
