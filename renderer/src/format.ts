import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDisplayDate } from '../../shared/domain/calendar'
import { formatRupees } from '../../shared/domain/money'
import type { KioskErrorShape } from '../../shared/errors'
import type { Lang } from './i18n'

/** Rupees, dates and error texts in the language the clerk chose. */
export function useFormat() {
  const { locale, t, te } = useI18n()
  const lang = computed(() => locale.value as Lang)
  return {
    // Latin digits in both languages: prices, IMEIs and dates on the same screen then read alike
    // (Devanagari digits remain available in shared/domain for documents that ask for them).
    rupees: (paise: number) => formatRupees(paise, { locale: 'en' }),
    date: (d: string) => formatDisplayDate(d, lang.value),
    errorText: (error: KioskErrorShape | { code: string; message: string }) =>
      te(`errors.${error.code}`) ? t(`errors.${error.code}`) : error.message,
  }
}
