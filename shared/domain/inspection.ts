import type { ChecklistItem } from './catalog'
import { KioskError, type ErrorIssue } from './errors'

/**
 * The technician's inspection of a returned phone (docs/program-rules.md#inspection). The article's
 * terms are binary: one failed required item makes the phone ineligible; optional items are
 * recorded only.
 */

/**
 * The checklist item that the IMEI typed or scanned to open the inspection answers: the core
 * refuses to open an inspection for an IMEI that is not on the plan (`IMEI_NOT_ON_PLAN`), so the
 * screen shows it as done, with that IMEI, instead of asking again (issue 15).
 */
export const IMEI_CHECK_ITEM_ID = 'imei-matches'

/** The technician's answer for one checklist item. */
export interface InspectionAnswer {
  itemId: string
  result: 'pass' | 'fail'
  note?: string
  /** Hash of the photo taken for the item, when one was taken. */
  photoHash?: string
}

/** The decision, with failed items in checklist order for the printed reasons. */
export interface InspectionDecision {
  verdict: 'eligible' | 'ineligible'
  failedRequired: string[]
  failedOptional: string[]
  /** Items the catalog asks a photo for that have none; recorded, it does not change the verdict. */
  missingPhotos: string[]
}

/**
 * Decides eligibility from the checklist and the answers. Throws `VALIDATION_FAILED` for answers
 * to unknown items, duplicate or malformed answers, and `INSPECTION_INCOMPLETE` when a required
 * item is unanswered: an incomplete checklist is an error, never a pass. Optional items may be
 * left unanswered (they are recorded only, so skipping one changes nothing).
 */
export function decideInspection(
  checklist: readonly ChecklistItem[],
  answers: readonly InspectionAnswer[],
): InspectionDecision {
  const known = new Set(checklist.map((item) => item.id))
  const byItem = new Map<string, InspectionAnswer>()
  const bad: ErrorIssue[] = []
  answers.forEach((answer, i) => {
    const path = `answers.${i}`
    if (!known.has(answer.itemId)) {
      bad.push({ path, code: 'VALIDATION_FAILED', message: `No checklist item ${answer.itemId}` })
    } else if (byItem.has(answer.itemId)) {
      bad.push({ path, code: 'VALIDATION_FAILED', message: `Item ${answer.itemId} answered twice` })
    } else if (answer.result !== 'pass' && answer.result !== 'fail') {
      bad.push({ path, code: 'VALIDATION_FAILED', message: `Item ${answer.itemId}: pass or fail` })
    } else byItem.set(answer.itemId, answer)
  })
  if (bad.length > 0) {
    throw new KioskError(
      'VALIDATION_FAILED',
      'The inspection answers do not fit the checklist.',
      bad,
    )
  }

  const missing = checklist.filter((item) => item.required && !byItem.has(item.id))
  if (missing.length > 0) {
    throw new KioskError(
      'INSPECTION_INCOMPLETE',
      `${missing.length} checklist item(s) not answered.`,
      missing.map((item) => ({
        path: item.id,
        code: 'INSPECTION_INCOMPLETE',
        message: item.label.en,
      })),
    )
  }

  const failedRequired: string[] = []
  const failedOptional: string[] = []
  const missingPhotos: string[] = []
  for (const item of checklist) {
    const answer = byItem.get(item.id)
    if (!answer) continue // an optional item left unanswered
    if (answer.result === 'fail') (item.required ? failedRequired : failedOptional).push(item.id)
    if (item.photo && !answer.photoHash) missingPhotos.push(item.id)
  }
  return {
    verdict: failedRequired.length === 0 ? 'eligible' : 'ineligible',
    failedRequired,
    failedOptional,
    missingPhotos,
  }
}
