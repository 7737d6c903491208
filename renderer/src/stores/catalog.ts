import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Catalog, Model } from '../../../shared/catalog'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'

/** The catalog version in force at this kiosk (models, variants, stores, checklist). */
export const useCatalogStore = defineStore('catalog', () => {
  const catalog = ref<Catalog | null>(null)
  const loading = ref(false)
  const error = ref<KioskErrorShape | null>(null)

  async function load(force = false) {
    if (catalog.value && !force) return
    loading.value = true
    const result = await kiosk().catalog.list({})
    loading.value = false
    if (result.ok) {
      catalog.value = result.data
      error.value = null
    } else {
      error.value = result.error
    }
  }

  const activeModels = computed<Model[]>(() => catalog.value?.models.filter((m) => m.active) ?? [])

  return { catalog, loading, error, activeModels, load }
})
