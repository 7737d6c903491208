/**
 * What head office keeps of an event it was sent (issue 18 item 1): the event as it came, less
 * the customer's Aadhaar HMAC. That HMAC is keyed with the sending kiosk's own secret, so head
 * office can compare it with nothing — it is personal data without a purpose here. Kiosks stopped
 * sending it (they send null); this drops it from events of kiosks not yet upgraded.
 */
export function storedEventPayload(event: unknown): unknown {
  const e0 = event as { type?: unknown; payload?: Record<string, unknown> } | null
  // A correction's new values are kept in the request only until applied (issue 18), not here.
  if (e0?.type === 'privacy.requested' && e0.payload && 'correction' in e0.payload) {
    const { correction: _dropped, ...payload } = e0.payload
    return { ...e0, payload }
  }
  const customer = (event as { payload?: { customer?: unknown } } | null)?.payload?.customer
  if (!customer || typeof customer !== 'object' || !('aadhaarHmac' in customer)) return event
  if ((customer as { aadhaarHmac: unknown }).aadhaarHmac === null) return event
  const e = event as { payload: Record<string, unknown> }
  return { ...e, payload: { ...e.payload, customer: { ...customer, aadhaarHmac: null } } }
}
