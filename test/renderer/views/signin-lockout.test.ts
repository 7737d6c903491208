// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n, type Lang } from '../../../renderer/src/i18n'
import SignInView from '../../../renderer/src/views/SignInView.vue'
import { fakeApi, ok } from '../fake-api'

/**
 * Issue 14 item 2 on screen: the PIN pad says the attempts left and the lock's end in the clerk's
 * language, from the error's values (`params`), not from the core's English message.
 */

// 2026-11-30 10:35 in Kolkata.
const UNTIL = '2026-11-30T05:05:00.000Z'

function core(answers: Array<{ code: string; params: Record<string, string | number> }>) {
  return fakeApi({
    'staff.current': () => ok({ staff: null, locked: false, idleLockMinutes: 5, training: false }),
    'staff.list': () =>
      ok({
        staff: [
          { code: 'C1', name: 'Asha Clerk', role: 'clerk', lockedOut: true, lockedUntil: UNTIL },
        ],
      }),
    'staff.signIn': () => {
      const { code, params } = answers.shift()!
      return { ok: false, error: { code, message: 'English only', params } }
    },
  })
}

async function tryPin(
  lang: Lang,
  answer: { code: string; params: Record<string, string | number> },
) {
  setActivePinia(createPinia())
  setKioskApi(core([answer]).api)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)', component: { template: '<div />' } }],
  })
  await router.push('/signin')
  const w = mount(SignInView, { global: { plugins: [router, createKioskI18n(lang)] } })
  await flushPromises()
  const tile = w.get('[data-testid="staff-C1"]')
  const tileText = tile.text()
  await tile.trigger('click')
  for (const d of '9999') await w.get(`[data-testid="pin-key-${d}"]`).trigger('click')
  await w.get('[data-testid="pin-submit"]').trigger('click')
  await flushPromises()
  // ICU puts a narrow no-break space before the day period: compared as a plain space.
  const plain = (text: string) => text.replace(/\u202f/g, ' ')
  return { tileText: plain(tileText), error: plain(w.get('[data-testid="pin-error"]').text()) }
}

describe('the PIN pad words the lockout in the clerk’s language', () => {
  it('says how many attempts are left, in English and Hindi', async () => {
    const wrong = { code: 'PIN_INVALID', params: { attemptsLeft: 3 } }
    expect((await tryPin('en', wrong)).error).toBe(
      'Wrong PIN. Attempts left before the account locks: 3.',
    )
    expect((await tryPin('hi', wrong)).error).toBe(
      'पिन ग़लत है। खाता लॉक होने से पहले आप 3 बार और कोशिश कर सकते हैं।',
    )
  })

  it('says until when the account is locked, on the pad and on the tile, in English and Hindi', async () => {
    const locked = { code: 'PIN_LOCKED', params: { lockedUntil: UNTIL } }
    const en = await tryPin('en', locked)
    expect(en.error).toBe(
      'Too many wrong PINs: locked until 10:35 am. A store manager can unlock it sooner, or head office can give an unlock code.',
    )
    expect(en.tileText).toContain('Locked until 10:35 am')
    const hi = await tryPin('hi', locked)
    expect(hi.error).toContain('10:35 पूर्वाह्न तक लॉक है')
    expect(hi.error).not.toContain('am')
    expect(hi.tileText).toContain('10:35 पूर्वाह्न तक लॉक')
  })
})

describe('the last manager’s way back on screen: head office’s unlock code', () => {
  it('is offered once the account is locked, and lifts the lock (in Hindi too)', async () => {
    for (const lang of ['en', 'hi'] as const) {
      setActivePinia(createPinia())
      const api = fakeApi({
        'staff.current': () =>
          ok({ staff: null, locked: false, idleLockMinutes: 5, training: false }),
        'staff.list': () =>
          ok({
            staff: [
              { code: 'M1', name: 'Meera', role: 'manager', lockedOut: true, lockedUntil: UNTIL },
            ],
          }),
        'staff.signIn': () => ({
          ok: false,
          error: { code: 'PIN_LOCKED', message: 'x', params: { lockedUntil: UNTIL } },
        }),
        'staff.unlockWithCode': (req) =>
          (req as { code: string }).code === '12345678'
            ? ok({ code: 'M1', failedAttempts: 0 })
            : { ok: false, error: { code: 'UNLOCK_CODE_INVALID', message: 'x' } },
      })
      setKioskApi(api.api)
      const router = createRouter({
        history: createMemoryHistory(),
        routes: [{ path: '/:any(.*)', component: { template: '<div />' } }],
      })
      await router.push('/signin')
      const w = mount(SignInView, { global: { plugins: [router, createKioskI18n(lang)] } })
      await flushPromises()
      await w.get('[data-testid="staff-M1"]').trigger('click')
      expect(w.find('[data-testid="signin-code-open"]').exists()).toBe(false)
      for (const d of '9999') await w.get(`[data-testid="pin-key-${d}"]`).trigger('click')
      await w.get('[data-testid="pin-submit"]').trigger('click')
      await flushPromises()
      await w.get('[data-testid="signin-code-open"]').trigger('click')
      await w.get('[data-testid="signin-unlock-code"]').setValue('1111 2222')
      await w.get('form.code').trigger('submit')
      await flushPromises()
      expect(w.get('#signin-unlock-code-msg').text()).toContain(
        lang === 'en' ? 'not valid here' : 'मान्य नहीं',
      )
      await w.get('[data-testid="signin-unlock-code"]').setValue('1234 5678')
      await w.get('form.code').trigger('submit')
      await flushPromises()
      expect(api.calls.filter((c) => c.channel === 'staff.unlockWithCode').at(-1)?.request).toEqual(
        { staffCode: 'M1', code: '12345678' },
      )
      expect(w.get('[data-testid="signin-code-done"]').text()).toBe(
        lang === 'en' ? 'Unlocked. Enter your PIN.' : 'अनलॉक हो गया। अपना पिन डालें।',
      )
      expect(w.find('[data-testid="pin-error"]').exists()).toBe(false)
    }
  })
})
