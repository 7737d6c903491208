import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo } from '../../../shared/contract/app'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import type { Lang } from '../i18n'

const LANG_KEY = 'kiosk-lang'
const DEFAULT_LANG_KEY = 'kiosk-default-lang'
const IDLE_KEY = 'kiosk-idle-lock-minutes'

function readLang(key: string): Lang | null {
  const value = localStorage.getItem(key)
  return value === 'en' || value === 'hi' ? value : null
}

/** Kiosk identity, language, the business date (settable in training) and local preferences. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const error = ref<KioskErrorShape | null>(null)
  const defaultLang = ref<Lang>(readLang(DEFAULT_LANG_KEY) ?? 'en')
  const lang = ref<Lang>(readLang(LANG_KEY) ?? defaultLang.value)
  // The screen's own idle lock (minutes); null follows the core's setting. The core locks the
  // session on its own as well, so this can only make the kiosk lock sooner, never later.
  const idleLockPreference = ref<number | null>(Number(localStorage.getItem(IDLE_KEY)) || null)
  const dateError = ref<KioskErrorShape | null>(null)

  async function load() {
    const result = await kiosk().app.info({})
    if (result.ok) {
      info.value = result.data
      error.value = null
    } else {
      error.value = result.error
    }
  }

  function setLang(next: Lang) {
    lang.value = next
    localStorage.setItem(LANG_KEY, next)
  }

  /** The language the kiosk returns to after a sign-out (Settings). */
  function setDefaultLang(next: Lang) {
    defaultLang.value = next
    localStorage.setItem(DEFAULT_LANG_KEY, next)
  }

  function setIdleLockPreference(minutes: number | null) {
    idleLockPreference.value = minutes
    if (minutes) localStorage.setItem(IDLE_KEY, String(minutes))
    else localStorage.removeItem(IDLE_KEY)
  }

  /** Training only: moves the business date (null: back to today). */
  async function setBusinessDate(businessDate: string | null) {
    dateError.value = null
    const result = await kiosk().training.setDate({ businessDate })
    if (!result.ok) {
      dateError.value = result.error
      return false
    }
    if (info.value) info.value = { ...info.value, businessDate: result.data.businessDate }
    return true
  }

  const businessDate = computed(() => info.value?.businessDate ?? null)
  const training = computed(() => info.value?.training ?? false)

  return {
    info,
    error,
    lang,
    defaultLang,
    idleLockPreference,
    dateError,
    businessDate,
    training,
    load,
    setLang,
    setDefaultLang,
    setIdleLockPreference,
    setBusinessDate,
  }
})
