import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import type { Capability } from './roles'
import { useAppStore } from './stores/app'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (sign-in itself, the public quote). */
    public?: boolean
    /** What the signed-in role must be allowed to do (roles.ts). */
    cap?: Capability
  }
}

// Every screen is its own chunk: the first paint only loads the shell and the sign-in screen.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/home' },
  // First start with no identity (docs/fleet.md#provisioning).
  {
    path: '/setup',
    name: 'setup',
    component: () => import('./views/SetupView.vue'),
    meta: { public: true },
  },
  {
    path: '/signin',
    name: 'signin',
    component: () => import('./views/SignInView.vue'),
    meta: { public: true },
  },
  { path: '/home', name: 'home', component: () => import('./views/HomeView.vue') },
  // The quote is public: the idle kiosk can show a customer what a phone is worth.
  {
    path: '/quote',
    name: 'quote',
    component: () => import('./views/QuoteView.vue'),
    meta: { public: true },
  },
  {
    path: '/enroll',
    name: 'enroll',
    component: () => import('./views/enroll/EnrollView.vue'),
    meta: { cap: 'enroll' },
  },
  {
    path: '/find',
    name: 'find',
    component: () => import('./views/FindPlanView.vue'),
    meta: { cap: 'find' },
  },
  {
    path: '/plans/:planNumber',
    name: 'plan',
    component: () => import('./views/PlanDetailView.vue'),
    meta: { cap: 'find' },
    props: true,
  },
  {
    path: '/inspect/:planNumber?',
    name: 'inspect',
    component: () => import('./views/InspectionView.vue'),
    meta: { cap: 'inspect' },
    props: true,
  },
  {
    path: '/upgrade/:planNumber?',
    name: 'upgrade',
    component: () => import('./views/upgrade/UpgradeView.vue'),
    meta: { cap: 'redeem' },
    props: true,
  },
  {
    path: '/trade-in',
    name: 'trade-in',
    component: () => import('./views/tradein/TradeInView.vue'),
    meta: { cap: 'tradeIn' },
  },
  {
    path: '/cancel/:planNumber?',
    name: 'cancel',
    component: () => import('./views/CancelView.vue'),
    meta: { cap: 'cancel' },
    props: true,
  },
  {
    path: '/end-of-day',
    name: 'end-of-day',
    component: () => import('./views/EndOfDayView.vue'),
    meta: { cap: 'endOfDay' },
  },
  {
    path: '/sync',
    name: 'sync',
    component: () => import('./views/SyncView.vue'),
    meta: { cap: 'sync' },
  },
  {
    path: '/devices',
    name: 'devices',
    component: () => import('./views/DevicesView.vue'),
    meta: { cap: 'devices' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./views/AuditView.vue'),
    meta: { cap: 'audit' },
  },
  {
    path: '/privacy',
    name: 'privacy',
    component: () => import('./views/PrivacyView.vue'),
    meta: { cap: 'privacy' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { cap: 'settings' },
  },
  { path: '/:rest(.*)*', redirect: '/home' },
]

/**
 * Role guard: a screen needs a signed-in staff member whose role has the route's capability; a
 * role that may not use a screen is sent home with a note, never shown a screen that would fail.
 */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    // A kiosk with no identity shows only its setup screen, and the setup never shows again.
    const app = useAppStore()
    if (!app.info) await app.load()
    const unprovisioned = app.info?.identity === 'unprovisioned'
    if (unprovisioned && to.name !== 'setup') return { name: 'setup' }
    if (!unprovisioned && to.name === 'setup') return { name: 'signin' }
    if (to.meta.public) return true
    const session = useSessionStore()
    await session.ensure()
    if (!session.signedIn) return { name: 'signin', query: { next: to.fullPath } }
    if (to.meta.cap && !session.can(to.meta.cap))
      return { name: 'home', query: { denied: to.name as string } }
    return true
  })
}

/** Hash history: works the same from kiosk://app and from the HTTP bridge. */
export function createKioskRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes })
  installGuards(router)
  return router
}
