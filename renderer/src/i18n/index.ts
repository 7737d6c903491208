import { createI18n } from 'vue-i18n'
import en from './en.json'
import hi from './hi.json'

export type Lang = 'en' | 'hi'
export const LANGS: readonly Lang[] = ['en', 'hi']

// English is the schema: the Hindi file must have every key (a test checks it).
type MessageSchema = typeof en

/** Creates the i18n instance; composition API only, no legacy global `$t` magic. */
export function createKioskI18n(locale: Lang = 'en') {
  return createI18n<[MessageSchema], Lang>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, hi },
    missingWarn: false,
    fallbackWarn: false,
  })
}
