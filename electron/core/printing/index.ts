/** Thermal printing: ESC/POS encoding, the TCP 9100 transport and the durable print queue. */
export { encodeEscPos, type EscPosOptions } from './escpos'
export {
  createPrintQueue,
  type NewPrintJob,
  type PrintJob,
  type PrintQueue,
  type PrintQueueOptions,
  type PrintResult,
  type PrintSender,
} from './print-queue'
export type { MonoBitmap } from './raster'
export type { PrinterStatus } from './status'
export {
  printToTcp,
  type TcpPrinterAddress,
  type TcpPrintOptions,
  type TcpPrintResult,
} from './tcp-printer'
export type { RasterCell, RasterRequest, TextRasteriser } from './text-rasteriser'
