import { invalid, valid, type Validation } from './validation'

/**
 * The one kiosk-code rule (docs/tax-documents.md#numbers-unique-per-gstin), for the kiosk and
 * head office alike. The code sits in every GST document number (`K1/2627/000123`), so it is 1–3
 * capital letters or digits (the number stays within Rule 46(b)'s 16 characters), never `TRN`
 * (training documents take that place), and unique among the kiosks of one GSTIN, which head
 * office enforces at registration.
 */
export const TRAINING_KIOSK_CODE = 'TRN'

const KIOSK_CODE = /^[A-Z0-9]{1,3}$/

/** A kiosk code as it appears in document numbers, or VALIDATION_FAILED. */
export function validateKioskCode(input: unknown): Validation<string> {
  if (typeof input !== 'string' || !KIOSK_CODE.test(input) || input === TRAINING_KIOSK_CODE) {
    return invalid(
      'VALIDATION_FAILED',
      `Kiosk code "${String(input)}" cannot appear in a GST document number: use 1–3 capital ` +
        `letters or digits (not ${TRAINING_KIOSK_CODE}), unique among the kiosks of the store's GSTIN.`,
    )
  }
  return valid(input)
}
