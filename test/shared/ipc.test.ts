import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ERROR_CODES } from '../../shared/errors'
import { CHANNELS, contract, isChannel, splitChannel } from '../../shared/ipc'
import { ROLES } from '../../shared/contract/channel'

describe('the IPC contract', () => {
  it('names every channel domain.verb', () => {
    for (const name of CHANNELS) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/)
  })

  it('gives every channel a request schema, a response schema and an access rule', () => {
    for (const name of CHANNELS) {
      const def = contract[name]
      expect(def.request, name).toBeInstanceOf(z.ZodType)
      expect(def.response, name).toBeInstanceOf(z.ZodType)
      if (def.access !== 'public') {
        expect(def.access.length, name).toBeGreaterThan(0)
        for (const role of def.access) expect(ROLES).toContain(role)
      }
    }
  })

  it('starts with the skeleton channels', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(['app.info', 'catalog.list', 'plans.quote']))
  })

  it('recognises only its own channels', () => {
    expect(isChannel('plans.quote')).toBe(true)
    expect(isChannel('plans.nope')).toBe(false)
    expect(isChannel('toString')).toBe(false)
    expect(isChannel('__proto__')).toBe(false)
  })

  it('splits a channel into domain and verb', () => {
    expect(splitChannel('plans.quote')).toEqual(['plans', 'quote'])
  })

  it('has unique, upper-snake error codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length)
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/)
  })
})
