/**
 * The GST place of supply (docs/program-rules.md#gst-on-the-plan-fee), which decides CGST + SGST
 * (intra-state) or IGST.
 */

/**
 * The plan fee's place of supply and whether the supply is intra-state
 * (docs/tax-documents.md#b2b-tax-invoice). The fee is a service of IGST Act s.12(2):
 * - to a **registered** recipient (the customer gave a GSTIN) the place of supply is the
 *   recipient's location, s.12(2)(a): the state its GSTIN is registered in (its first two digits);
 * - to anyone else it is the location of the supplier where, as at a counter, no address of the
 *   recipient is on record, s.12(2)(b): the store's own state.
 * Intra-state (CGST + SGST) when that state is the store's; inter-state (IGST) otherwise.
 */
export function feePlaceOfSupply(
  storeStateCode: string,
  recipientGstin: string | null | undefined,
): { stateCode: string; intraState: boolean } {
  const stateCode = recipientGstin ? recipientGstin.slice(0, 2) : storeStateCode
  return { stateCode, intraState: isIntraStateSupply(stateCode, storeStateCode) }
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

/** GST state and union-territory codes and their names, as a tax document prints them. */
export const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
}

/** The place of supply as Rule 46(n) asks: the state's name with its code, `Karnataka (29)`. */
export function placeOfSupplyText(stateCode: string): string {
  const name = GST_STATES[stateCode]
  return name ? `${name} (${stateCode})` : stateCode
}
