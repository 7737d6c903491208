// Stores that hold a customer's details or a transaction in progress register how to empty
// themselves; on sign-out they all are, so the next staff member (or the next customer looking
// at the screen) never sees them.
const resetters = new Set<() => void>()

/** Registers a business store's reset (called from the store's setup). */
export function registerReset(reset: () => void): void {
  resetters.add(reset)
}

/** Empties every business store; session, app and catalog stay. */
export function resetBusinessStores(): void {
  resetters.forEach((reset) => reset())
}
