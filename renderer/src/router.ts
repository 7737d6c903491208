import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

// Every screen is its own chunk: the first paint only loads the shell.
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/quote' },
  { path: '/quote', name: 'quote', component: () => import('./views/QuoteView.vue') },
]

/** Hash history: works the same from kiosk://app and from the HTTP bridge. */
export function createKioskRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
