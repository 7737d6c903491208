import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from './stores/session'

/** Each screen names the permission it needs; the server checks the same one (403). */
const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignIn.vue') },
  {
    path: '/',
    name: 'dashboard',
    component: () => import('./views/DashboardView.vue'),
    meta: { permission: 'dashboard.read' },
  },
  {
    path: '/plans',
    name: 'plans',
    component: () => import('./views/PlansView.vue'),
    meta: { permission: 'plans.read' },
  },
  {
    path: '/fleet',
    name: 'fleet',
    component: () => import('./views/FleetView.vue'),
    meta: { permission: 'fleet.read' },
  },
  {
    path: '/stores',
    name: 'stores',
    component: () => import('./views/StoresView.vue'),
    meta: { permission: 'fleet.read' },
  },
  {
    path: '/stores/:code',
    name: 'store',
    component: () => import('./views/StoreView.vue'),
    props: true,
    meta: { permission: 'fleet.read' },
  },
  {
    path: '/stores/:code/staff',
    name: 'store-staff',
    component: () => import('./views/StaffView.vue'),
    props: true,
    meta: { permission: 'staff.manage' },
  },
  {
    path: '/conflicts',
    name: 'conflicts',
    component: () => import('./views/ConflictsView.vue'),
    meta: { permission: 'conflicts.manage' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./views/AuditView.vue'),
    meta: { permission: 'audit.read' },
  },
  {
    path: '/catalog',
    name: 'catalog',
    component: () => import('./views/CatalogView.vue'),
    meta: { permission: 'catalog.read' },
  },
  {
    path: '/catalog/draft',
    name: 'catalog-draft',
    component: () => import('./views/CatalogDraftView.vue'),
    meta: { permission: 'catalog.publish' },
  },
  {
    path: '/catalog/versions/:version',
    name: 'catalog-version',
    component: () => import('./views/CatalogVersionView.vue'),
    meta: { permission: 'catalog.read' },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./views/ReportsView.vue'),
    meta: { permission: 'reports.read' },
  },
  {
    path: '/reports/print',
    name: 'reports-print',
    component: () => import('./views/ReportPrintView.vue'),
    meta: { permission: 'reports.read' },
  },
  {
    path: '/fraud',
    name: 'fraud',
    component: () => import('./views/FraudView.vue'),
    meta: { permission: 'fraud.read' },
  },
  { path: '/account', name: 'account', component: () => import('./views/AccountView.vue') },
  {
    path: '/plans/:planNumber',
    name: 'plan-story',
    component: () => import('./views/PlanStoryView.vue'),
    meta: { permission: 'plans.read' },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('./views/NotificationsView.vue'),
    meta: { permission: 'notifications.read' },
  },
  {
    path: '/requests',
    name: 'requests',
    component: () => import('./views/RequestsView.vue'),
    meta: { permission: 'privacy.manage' },
  },
]

/** The first screen a role may open. */
export function homeFor(may: (p: string) => boolean): string {
  const first = routes.find(
    (r) => r.name !== 'sign-in' && (!r.meta?.permission || may(r.meta.permission as string)),
  )
  return first?.path ?? '/account'
}

export function createConsoleRouter() {
  const router = createRouter({ history: createWebHistory('/console/'), routes })
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (!session.loaded) await session.load()
    if (to.name === 'sign-in') return session.me ? homeFor(session.may) : true
    if (!session.me) return { name: 'sign-in' }
    const needed = to.meta.permission as string | undefined
    if (needed && !session.may(needed)) return homeFor(session.may)
    return true
  })
  return router
}
