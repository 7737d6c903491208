import type { z } from 'zod'
import type {
  TradeInAcceptRequest,
  TradeInAcceptResponseSchema,
  TradeInChecklistRequest,
  TradeInChecklistResponseSchema,
  TradeInQuoteResponseSchema,
  TradeInStartRequest,
  TradeInStartResponseSchema,
  TradeInViewResponseSchema,
  VoucherCheckRequest,
  VoucherCheckResponse,
  VoucherCompleteRequest,
  VoucherCompleteResponse,
} from '../../../shared/contract/tradein'
import { KioskError } from '../../../shared/errors'
import type { Actor } from '../context'

/** The kiosk's trade-in flow (docs/program-rules.md#trade-in). */
export interface TradeInService {
  start(actor: Actor, req: TradeInStartRequest): Promise<z.infer<typeof TradeInStartResponseSchema>>
  checklist(
    actor: Actor,
    req: TradeInChecklistRequest,
  ): Promise<z.infer<typeof TradeInChecklistResponseSchema>>
  quote(actor: Actor, tradeInId: string): Promise<z.infer<typeof TradeInQuoteResponseSchema>>
  accept(
    actor: Actor,
    req: TradeInAcceptRequest,
  ): Promise<z.infer<typeof TradeInAcceptResponseSchema>>
  decline(
    actor: Actor,
    req: { requestId: string; tradeInId: string },
  ): Promise<z.infer<typeof TradeInViewResponseSchema>>
  get(tradeInId: string): Promise<z.infer<typeof TradeInViewResponseSchema>>
  voucherCheck(req: VoucherCheckRequest): Promise<VoucherCheckResponse>
  voucherComplete(actor: Actor, req: VoucherCompleteRequest): Promise<VoucherCompleteResponse>
}

/** Placeholder until the service lands (contract first, issue 22). */
export function createTradeInService(): TradeInService {
  const notYet = (): never => {
    throw new KioskError('INTERNAL', 'Trade-in is being built.')
  }
  return {
    start: async () => notYet(),
    checklist: async () => notYet(),
    quote: async () => notYet(),
    accept: async () => notYet(),
    decline: async () => notYet(),
    get: async () => notYet(),
    voucherCheck: async () => notYet(),
    voucherComplete: async () => notYet(),
  }
}
