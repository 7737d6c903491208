/**
 * How a customer pays at the kiosk: the plan fee, the balance of an upgrade, a refund — in the
 * order the counter offers them. One list for the contract, the sync events, the core and the
 * screens (its schema and type: vocabulary.ts).
 */
export const PAYMENT_METHODS = ['cash', 'upi', 'card'] as const
