import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { longFunctions } from './function-length'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

describe('head office functions', () => {
  it('have at most 80 lines of their own (released migrations left as they are)', () => {
    expect(longFunctions(root, ['headoffice'], 80, (p) => /migrations/.test(p))).toEqual([])
  })
})
