import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Catalog, ChecklistItem, Model, Store } from '../../../shared/catalog'
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
  /** Offline program stores a phone may have been bought at (online purchases are not eligible). */
  const programStores = computed<Store[]>(
    () => catalog.value?.stores.filter((s) => s.active && s.kind !== 'online') ?? [],
  )
  const checklist = computed<ChecklistItem[]>(() => catalog.value?.checklist ?? [])
  const brand = computed(() => catalog.value?.brand ?? '')

  function checklistItem(id: string): ChecklistItem | null {
    return checklist.value.find((i) => i.id === id) ?? null
  }

  return {
    catalog,
    loading,
    error,
    activeModels,
    programStores,
    checklist,
    brand,
    checklistItem,
    load,
  }
})
