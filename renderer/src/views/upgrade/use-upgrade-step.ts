import { computed, toRef } from 'vue'
import { useFieldErrors } from '../../composables/use-field-errors'
import { useCatalogStore } from '../../stores/catalog'
import { useRedemptionStore } from '../../stores/redemption'

/** The core's refusal as field messages; a few codes belong to one field of the upgrade's forms. */
export function useUpgradeErrors() {
  const store = useRedemptionStore()
  return useFieldErrors(toRef(store, 'error'), {
    PLAN_NOT_FOUND: 'planNumber',
    CUSTOMER_MISMATCH: 'customer',
    NEW_DEVICE_NOT_BRAND: 'newDevice.modelName',
  })
}

/** The brand's new phones, as "Model variant" with the catalog's price as a starting point. */
export function useNewPhones() {
  const catalog = useCatalogStore()
  return computed(() =>
    (catalog.catalog?.models ?? []).flatMap((m) =>
      m.variants.map((v) => ({
        id: v.id,
        modelId: m.id,
        name: `${m.name} ${v.name}`,
        srpPaise: v.srpPaise,
      })),
    ),
  )
}
