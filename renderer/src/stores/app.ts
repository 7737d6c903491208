import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AppInfo } from '../../../shared/contract/app'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import type { Lang } from '../i18n'

const LANG_KEY = 'kiosk-lang'

/** Kiosk identity, language and the business date, loaded once at start. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null)
  const error = ref<KioskErrorShape | null>(null)
  const lang = ref<Lang>((localStorage.getItem(LANG_KEY) as Lang | null) ?? 'en')

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

  const businessDate = computed(() => info.value?.businessDate ?? null)
  const training = computed(() => info.value?.training ?? false)

  return { info, error, lang, businessDate, training, load, setLang }
})
