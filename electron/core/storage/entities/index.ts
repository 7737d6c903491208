import { AuditEntity, OutboxEntity, RequestEntity } from './ledger'
import { CustomerEntity, PaymentEntity, PlanEntity, PlanImeiEntity } from './plan'
import {
  CatalogVersionEntity,
  SequenceEntity,
  SettingEntity,
  StaffEntity,
  StoreEntity,
} from './reference'
import {
  CancellationEntity,
  DeviceIntakeEntity,
  InspectionEntity,
  ReceiptEntity,
  RedemptionEntity,
} from './service'
import { TradeInEntity } from './tradein'

export * from './ledger'
export * from './plan'
export * from './reference'
export * from './service'
export * from './tradein'

/** Every entity, as an explicit array (no glob: the main process is bundled). */
export const ENTITIES = [
  StoreEntity,
  StaffEntity,
  CatalogVersionEntity,
  SettingEntity,
  SequenceEntity,
  CustomerEntity,
  PlanEntity,
  PlanImeiEntity,
  PaymentEntity,
  InspectionEntity,
  RedemptionEntity,
  CancellationEntity,
  DeviceIntakeEntity,
  ReceiptEntity,
  AuditEntity,
  OutboxEntity,
  RequestEntity,
  TradeInEntity,
]
