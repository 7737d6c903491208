import { beforeEach } from 'vitest'

// Each test starts with an empty tab: the enrollment wizard keeps its draft in session storage
// across reloads (renderer/src/stores/enrollment.ts), which must not carry from test to test.
beforeEach(() => {
  globalThis.sessionStorage?.clear()
})
