import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../headoffice/config'

// Issue 18 item 6: the DLT ids and the e-mail sender are configuration, checked when head office
// starts, with an error that names the variable to set.

const dir = mkdtempSync(join(tmpdir(), 'ho-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BASE = {
  HEADOFFICE_DATA_DIR: dir,
  HEADOFFICE_ADMIN_TOKEN: 'a'.repeat(32),
  HEADOFFICE_MASTER_KEY: 'ab'.repeat(32),
}
const SMS = {
  SMS_GATEWAY_URL: 'https://sms.example.in/send',
  SMS_DLT_ENTITY_ID: '1101000000000000001',
  SMS_DLT_TEMPLATE_PLAN_ENROLLED: '1107170000000000201',
  SMS_DLT_TEMPLATE_STEP_DOWN_REMINDER: '1107170000000000202',
  SMS_DLT_TEMPLATE_REDEMPTION_CONFIRMED: '1107170000000000203',
  SMS_DLT_TEMPLATE_REDEMPTION_OTP: '1107170000000000204',
}

describe('head-office configuration of customer messages', () => {
  it('takes the DLT entity id and every template id from the environment', () => {
    const config = loadConfig({ ...BASE, ...SMS })
    expect(config.sms).toMatchObject({
      entityId: '1101000000000000001',
      templateIds: {
        'plan-enrolled': '1107170000000000201',
        'step-down-reminder': '1107170000000000202',
        'redemption-confirmed': '1107170000000000203',
      },
    })
  })

  it.each(Object.keys(SMS).filter((k) => k !== 'SMS_GATEWAY_URL'))(
    'refuses to start with an SMS gateway but no valid %s, naming it',
    (name) => {
      expect(() => loadConfig({ ...BASE, ...SMS, [name]: undefined })).toThrow(name)
      expect(() => loadConfig({ ...BASE, ...SMS, [name]: '12345' })).toThrow(name)
    },
  )

  it('needs no DLT ids without an SMS gateway', () => {
    expect(loadConfig({ ...BASE }).sms).toBeNull()
  })

  it('requires SMTP_FROM with SMTP_HOST, and no localhost sender', () => {
    expect(() => loadConfig({ ...BASE, SMTP_HOST: 'smtp.example.in' })).toThrow('SMTP_FROM')
    expect(() =>
      loadConfig({ ...BASE, SMTP_HOST: 'smtp.example.in', SMTP_FROM: 'no-reply@localhost' }),
    ).toThrow('SMTP_FROM')
    const from = 'Smart Upgrade <care@smartupgrade.example.in>'
    expect(loadConfig({ ...BASE, SMTP_HOST: 'smtp.example.in', SMTP_FROM: from }).smtp?.from).toBe(
      from,
    )
  })
})

describe('head-office configuration of the lost/stolen register (issue 17)', () => {
  it('takes the register by URL, key and timeout, and fails the start on a bad one', () => {
    expect(loadConfig({ ...BASE }).imeiRegister).toBeNull()
    expect(
      loadConfig({
        ...BASE,
        IMEI_REGISTER_URL: 'https://register.example.in/v1/imei',
        IMEI_REGISTER_KEY: 'k',
        IMEI_REGISTER_TIMEOUT_MS: '1500',
      }).imeiRegister,
    ).toEqual({ url: 'https://register.example.in/v1/imei', apiKey: 'k', timeoutMs: 1500 })
    for (const url of ['register.example.in', 'ftp://register.example.in', 'https://']) {
      expect(() => loadConfig({ ...BASE, IMEI_REGISTER_URL: url })).toThrow('IMEI_REGISTER_URL')
    }
    expect(() =>
      loadConfig({
        ...BASE,
        IMEI_REGISTER_URL: 'https://r.example.in',
        IMEI_REGISTER_TIMEOUT_MS: '0',
      }),
    ).toThrow('IMEI_REGISTER_TIMEOUT_MS')
  })
})
