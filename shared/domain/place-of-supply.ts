/**
 * The GST place of supply (docs/program-rules.md#gst-on-the-plan-fee), which decides CGST + SGST
 * (intra-state) or IGST.
 */

/**
 * Whether the plan fee is an intra-state supply. The plan fee is a service sold over the counter
 * to an unregistered customer: its place of supply is the store's location (IGST Act s.12(2)(b)),
 * so it is always within the kiosk store's state and the tax is CGST + SGST.
 */
export function feeIsIntraState(): boolean {
  return true
}

/**
 * The place of supply a tax document prints, as a state code: the store's state for an
 * intra-state split (or when no split was recorded); `-` for an IGST split stored on the invoice,
 * a code that cannot equal the store's, so the document keeps its IGST lines.
 */
export function placeOfSupplyStateCode(
  storeStateCode: string,
  gst: { intraState: boolean } | null,
): string {
  return gst && !gst.intraState ? '-' : storeStateCode
}

/** A supply is intra-state (CGST + SGST) when its place of supply is the store's own state. */
export function isIntraStateSupply(
  placeOfSupplyStateCode: string,
  storeStateCode: string,
): boolean {
  return placeOfSupplyStateCode === storeStateCode
}
