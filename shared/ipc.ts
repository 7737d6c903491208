import type { z } from 'zod'
import { appChannels } from './contract/app'
import { auditChannels } from './contract/audit'
import { cancellationChannels } from './contract/cancellation'
import { catalogChannels } from './contract/catalog'
import type { ChannelDef } from './contract/channel'
import { deviceChannels } from './contract/devices'
import { enrollmentChannels } from './contract/enrollment'
import type { Result } from './contract/envelope'
import { inspectionChannels } from './contract/inspection'
import { planChannels } from './contract/plans'
import { privacyChannels } from './contract/privacy'
import { printerChannels, receiptChannels } from './contract/receipts'
import { redemptionChannels } from './contract/redemption'
import { reportChannels } from './contract/reports'
import { setupChannels } from './contract/setup'
import { staffChannels } from './contract/staff'
import { syncChannels } from './contract/sync'
import { tradeInChannels } from './contract/tradein'
import { retentionChannels, trainingChannels } from './contract/training'

/**
 * The one contract between the kiosk UI and the core: every channel the renderer can call, named
 * `domain.verb`, with its request and response schemas and who may call it. Main (ipcMain), the
 * preload (window.kiosk) and the HTTP bridge are all built from this table.
 */
export const contract = {
  ...appChannels,
  ...catalogChannels,
  ...planChannels,
  ...cancellationChannels,
  ...staffChannels,
  ...enrollmentChannels,
  ...inspectionChannels,
  ...redemptionChannels,
  ...reportChannels,
  ...auditChannels,
  ...deviceChannels,
  ...trainingChannels,
  ...retentionChannels,
  ...privacyChannels,
  ...receiptChannels,
  ...printerChannels,
  ...syncChannels,
  ...setupChannels,
  ...tradeInChannels,
} as const satisfies Record<string, ChannelDef>

export type Contract = typeof contract
export type Channel = keyof Contract & string
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/** IPC channel names are prefixed so they never collide with Electron's own. */
export const IPC_PREFIX = 'kiosk:'

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never
type VerbOf<C extends string, D extends string> = C extends `${D}.${infer V}` ? V : never
type ChannelsOf<D extends string> = Extract<Channel, `${D}.${string}`>

/** `window.kiosk`: one method per channel, grouped by domain (`kiosk.plans.quote(req)`). */
export type KioskApi = {
  [D in DomainOf<Channel>]: {
    [C in ChannelsOf<D> as VerbOf<C, D>]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
  }
}

/** Splits a channel name into its domain and verb. */
export function splitChannel(name: Channel): [string, string] {
  const dot = name.indexOf('.')
  return [name.slice(0, dot), name.slice(dot + 1)]
}

export type { Result } from './contract/envelope'
export type { Role, Access } from './contract/channel'
