import { describe, expect, it } from 'vitest'
import {
  maskContacts,
  maskEmail,
  maskMobile,
  maskRecipient,
} from '../../headoffice/services/console-masks'

describe('how the console masks contact details', () => {
  it('keeps only the last four digits of a mobile and the first letter and domain of an e-mail', () => {
    expect(maskMobile('9876543210')).toBe('XXXXXX3210')
    expect(maskEmail('asha.k@example.in')).toBe('a•••@example.in')
    expect(maskRecipient('sms', '9876543210')).toBe('XXXXXX3210')
    expect(maskRecipient('email', 'ravi@mail.example')).toBe('r•••@mail.example')
    expect(maskMobile('')).toBe('XXXXXXXXXX') // no digits to show: none shown
  })

  it('masks numbers and addresses a gateway or mail server quotes back, however prefixed', () => {
    expect(maskContacts('DLT scrubbing rejected +919876543210')).toBe(
      'DLT scrubbing rejected XXXXXX3210',
    )
    expect(maskContacts('to=919876543210 refused')).toBe('to=XXXXXX3210 refused')
    expect(maskContacts('550 5.1.1 <asha.k@example.in>: no such user')).toBe(
      '550 5.1.1 <a•••@example.in>: no such user',
    )
    // Other figures stay: a status code, a 19-digit DLT id, a short reference.
    expect(maskContacts('Gateway error 503 for template 1107170000000000201 ref 12345')).toBe(
      'Gateway error 503 for template 1107170000000000201 ref 12345',
    )
  })
})
