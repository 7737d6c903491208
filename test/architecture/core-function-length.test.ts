import { resolve } from 'node:path'
import { expect, it } from 'vitest'
import { longFunctions } from './function-length'

// No function in the kiosk core has more than 80 lines of its own (issue 13): blank lines and
// comments aside, nested functions counted as their own, released migrations left as they are.
const ROOT = resolve(__dirname, '../..')

it('electron/core has no function over 80 lines of its own', () => {
  expect(longFunctions(ROOT, ['electron/core'], 80, (p) => /migrations/.test(p))).toEqual([])
})
