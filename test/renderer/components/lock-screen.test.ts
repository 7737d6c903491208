// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { setKioskApi } from '../../../renderer/src/api'
import LockScreen from '../../../renderer/src/components/LockScreen.vue'
import { createKioskI18n, type Lang } from '../../../renderer/src/i18n'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { fakeApi, ok } from '../fake-api'

/** Issue 14: after the Lock button the lock screen says who locked it, not "after inactivity". */
const current = (locked: boolean) => ({
  staff: { code: 'C1', name: 'Asha Clerk', role: 'clerk' as const },
  locked,
  idleLockMinutes: 5,
  training: false,
})

async function lockedBy(reason: 'manual' | 'idle', lang: Lang) {
  setActivePinia(createPinia())
  setKioskApi(fakeApi({ 'staff.lock': () => ok(current(true)) }).api)
  const session = useSessionStore()
  session.current = current(false)
  await session.lock(reason)
  const w = mount(LockScreen, { global: { plugins: [createKioskI18n(lang)] } })
  await flushPromises()
  return w.get('[data-testid="lock-hint"]').text()
}

describe('lock screen', () => {
  it('a manual lock names who locked it, in English and Hindi', async () => {
    expect(await lockedBy('manual', 'en')).toBe(
      'Locked by Asha Clerk. Enter your PIN to continue where you left off.',
    )
    expect(await lockedBy('manual', 'hi')).toContain('Asha Clerk ने लॉक किया।')
  })

  it('an idle lock says it was inactivity', async () => {
    expect(await lockedBy('idle', 'en')).toContain('Locked after inactivity')
  })
})
