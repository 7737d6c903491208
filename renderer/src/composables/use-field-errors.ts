import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ErrorIssue, ErrorParams, KioskErrorShape } from '../../../shared/errors'
import { useFormat } from '../format'

/** The issue of an error envelope that concerns a field path (`customer.mobile`, `imeis.0`). */
export function issueFor(error: KioskErrorShape | null, path: string): ErrorIssue | null {
  return error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`)) ?? null
}

/** True when some issue of the error concerns one of the paths (or their children). */
export function touchesAny(error: KioskErrorShape | null, paths: readonly string[]): boolean {
  return paths.some((p) => issueFor(error, p) !== null)
}

/**
 * Field messages for a form, in the chosen language: the contract's `error.issues[].path` picks
 * the field; a code the screen knows belongs to one field (`codeFields`) lands there too. A
 * schema issue (VALIDATION_FAILED) reads "check this field" rather than zod's English message.
 */
export function useFieldErrors(
  error: Ref<KioskErrorShape | null>,
  codeFields: Partial<Record<string, string>> = {},
) {
  const { errorText } = useFormat()
  const { t } = useI18n()
  const text = (e: { code: string; message: string; params?: ErrorParams }) =>
    e.code === 'VALIDATION_FAILED' ? t('form.checkField') : errorText(e)

  /** The translated message for a field, or null. */
  function fieldError(path: string): string | null {
    const e = error.value
    if (!e) return null
    const issue = issueFor(e, path)
    if (issue) return text(issue)
    if (codeFields[e.code] === path) return text(e)
    return null
  }

  /** The whole-form message when the error concerns no field of this form. */
  function formError(paths: readonly string[]): string | null {
    const e = error.value
    if (!e) return null
    const onField = paths.some((p) => fieldError(p) !== null)
    if (onField && e.code === 'VALIDATION_FAILED') return null
    if (onField && !e.issues?.some((i) => i.path === '')) return null
    return text(e)
  }

  return { fieldError, formError }
}
