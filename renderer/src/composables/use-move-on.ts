import { nextTick } from 'vue'

// Enter moves on (issue 15). A barcode scanner types the code and presses Enter; a clerk who
// types presses Enter too. In a code field, Enter takes the focus to the next required field that
// is still empty, so scan after scan fills a form without a tap; once nothing is left it goes to
// the screen's main button (marked `data-primary`), or submits the field's <form>.

/**
 * Fields Enter can move to: text-like inputs, drop-downs and required check boxes (a consent);
 * not radio buttons (a choice that always has a value).
 */
const FIELDS =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), ' +
  'input[type="checkbox"][required], select, textarea'

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

function usable(el: Field): boolean {
  return !el.disabled && !('readOnly' in el && el.readOnly) && !el.closest('[hidden], [inert]')
}

const blank = (el: Field) =>
  el instanceof HTMLInputElement && el.type === 'checkbox' ? !el.checked : el.value.trim() === ''

/** Where a field's Enter looks for the next field: its `data-move-on` area, form, or page. */
function areaOf(from: HTMLElement): ParentNode {
  return from.closest('[data-move-on]') ?? from.closest('form') ?? from.ownerDocument
}

/** The required, empty, usable fields of `area` after `from`, in document order. */
function emptyAfter(area: ParentNode, from: HTMLElement | null): Field[] {
  return [...area.querySelectorAll<Field>(FIELDS)].filter(
    (el) =>
      el !== from &&
      (!from || from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) &&
      el.required &&
      usable(el) &&
      blank(el),
  )
}

/** The first required field of `area` still empty (where a new step starts), or null. */
export function firstEmptyField(area: ParentNode | null | undefined): Field | null {
  return area ? (emptyAfter(area, null)[0] ?? null) : null
}

/**
 * Enter in `from`: after the screen has taken the value (a scan may fill other fields too),
 * focus the next empty required field; else the area's `data-primary` button; else submit the
 * field's form. The key's own default (an implicit submit) is always prevented, so a scan never
 * submits a half-filled form.
 */
export async function moveOn(event: KeyboardEvent): Promise<void> {
  const from = event.currentTarget ?? event.target
  if (!(from instanceof HTMLElement)) return
  event.preventDefault()
  await nextTick()
  const area = areaOf(from)
  const next = emptyAfter(area, from)[0]
  if (next) {
    next.focus()
    return
  }
  const primary = area.querySelector<HTMLButtonElement>('[data-primary]:not([disabled])')
  if (primary) {
    primary.focus()
    return
  }
  const form = from.closest('form')
  if (form) form.requestSubmit()
}
