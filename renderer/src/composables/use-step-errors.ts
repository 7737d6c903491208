import type { Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { KioskErrorShape } from '../../../shared/errors'
import type { LocalErrors } from '../stores/enrollment'
import { useFieldErrors } from './use-field-errors'

/**
 * One message per field of a form step: the instant check (shared/domain validators) once the
 * step was attempted — or at once for fields with instant feedback like the IMEI — else the
 * core's answer for that field path.
 */
export function useStepErrors(
  local: () => LocalErrors,
  attempted: () => boolean,
  serverError: Ref<KioskErrorShape | null>,
) {
  const { t } = useI18n()
  const { fieldError } = useFieldErrors(serverError)

  /** Translated message of a local code ('REQUIRED' or an error code). */
  function localText(code: string): string {
    if (code === 'REQUIRED') return t('form.required')
    if (code === 'CHECK_DIGIT') return t('form.checkDigit')
    return t(`errors.${code}`)
  }

  function msg(path: string, instant = false): string | null {
    const code = local()[path]
    if (code && (attempted() || instant)) return localText(code)
    return fieldError(path)
  }

  return { msg, localText }
}
