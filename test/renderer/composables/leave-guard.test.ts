// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { confirmState, useLeaveGuard } from '../../../renderer/src/composables/use-confirm'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useSessionStore } from '../../../renderer/src/stores/session'

const busy = ref(false)
let discarded = 0

const Task = defineComponent({
  setup() {
    useLeaveGuard({
      busy: (to) => busy.value && to.path !== '/next-step',
      titleKey: 'enroll.leaveTitle',
      messageKey: 'enroll.leaveMessage',
      discard: () => (discarded += 1),
    })
    return () => h('p', 'task')
  },
})

async function setup() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/task', '/home', '/next-step'].map((path) => ({
      path,
      component: path === '/task' ? Task : { render: () => h('p', path) },
    })),
  })
  await router.push('/task')
  mount(
    { render: () => h(RouterView) },
    { global: { plugins: [pinia, router, createKioskI18n('en')] } },
  )
  await router.isReady()
  const session = useSessionStore()
  session.current = { staff: { id: 's', code: 'C1', name: 'Asha', role: 'clerk' } } as never
  return { router }
}

describe('useLeaveGuard: leaving a half-done task asks first', () => {
  beforeEach(() => {
    busy.value = true
    discarded = 0
    confirmState.resolve?.(false)
  })

  it('stays when the staff member chooses to stay', async () => {
    const { router } = await setup()
    const going = router.push('/home')
    await flushPromises()
    expect(confirmState.open).toBe(true)
    expect(confirmState.request).toMatchObject({ danger: true, cancelLabel: expect.any(String) })
    confirmState.resolve?.(false)
    await going
    expect(router.currentRoute.value.path).toBe('/task')
    expect(discarded).toBe(0)
  })

  it('discards and leaves on "discard"', async () => {
    const { router } = await setup()
    const going = router.push('/home')
    await flushPromises()
    confirmState.resolve?.(true)
    await going
    expect(router.currentRoute.value.path).toBe('/home')
    expect(discarded).toBe(1)
  })

  it('does not ask when nothing is in progress, nor for the way onwards', async () => {
    const { router } = await setup()
    await router.push('/next-step')
    expect(confirmState.open).toBe(false)
    expect(router.currentRoute.value.path).toBe('/next-step')
    await router.push('/task')
    busy.value = false
    await router.push('/home')
    expect(confirmState.open).toBe(false)
    expect(router.currentRoute.value.path).toBe('/home')
  })

  it('does not ask once nobody is signed in (sign-out or lock decides)', async () => {
    const { router } = await setup()
    useSessionStore().current = null
    await router.push('/home')
    expect(confirmState.open).toBe(false)
    expect(router.currentRoute.value.path).toBe('/home')
  })
})

describe('useLeaveGuard: a reload of a half-done task asks first in browser mode (issue 14)', () => {
  const reload = () => {
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    return event.defaultPrevented
  }
  beforeEach(() => {
    busy.value = true
    delete (window as { kiosk?: unknown }).kiosk
  })

  it('asks while the task is half done, not once it is not', async () => {
    await setup()
    expect(reload()).toBe(true)
    busy.value = false
    expect(reload()).toBe(false)
  })

  it('never in the Electron kiosk, whose shell handles the window', async () => {
    await setup()
    ;(window as { kiosk?: unknown }).kiosk = {}
    expect(reload()).toBe(false)
    delete (window as { kiosk?: unknown }).kiosk
  })
})
