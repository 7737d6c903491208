import { formatDisplayDate } from '../../../shared/domain/calendar'
import { formatRupees } from '../../../shared/domain/money'
import type { Lang } from './document'
import { labelsFor, type Labels } from './labels'
import type { LocalDate, LocalDateTime, LocalizedLabel } from './model'

/** No-break space: outputs that wrap text keep what it joins on one line. */
export const NBSP = '\u00a0'

/** Language-bound formatting the builders share. */
export interface Formatter {
  lang: Lang
  L: Labels
  /** `₹ 9,799`; `paise: true` forces `.00` (tax lines). */
  money(paise: number, opts?: { paise?: boolean }): string
  date(d: LocalDate): string
  dateTime(dt: LocalDateTime): string
  label(text: LocalizedLabel): string
}

/** Builds the formatter of one language. */
export function formatterFor(lang: Lang): Formatter {
  return {
    lang,
    L: labelsFor(lang),
    // Hindi documents keep international digits too (the official form of Indian numerals,
    // Constitution art. 343), so amounts and dates read the same on every copy. The space after
    // ₹ is the program's printed style ("₹ 9,799", issue 6); a no-break one, so a narrow roll
    // never leaves the sign alone at a line's end.
    money: (paise, opts) =>
      formatRupees(paise, { paise: opts?.paise ?? false }).replace('₹', `₹${NBSP}`),
    date: (d) => formatDisplayDate(d, lang).replaceAll(' ', NBSP),
    dateTime: (dt) => `${formatDisplayDate(dt.date, lang).replaceAll(' ', NBSP)} ${dt.time}`,
    label: (text) => (typeof text === 'string' ? text : text[lang]),
  }
}
