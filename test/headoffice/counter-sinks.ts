import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSmsGateway } from '../../headoffice/notifications/sms-gateway'
import type { SmsSender } from '../../headoffice/notifications/senders'
import { createHttpImeiRegister, type ImeiRegister } from '../../headoffice/services/imei-register'

const listen = async (server: Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
const close = (server: Server) => new Promise<void>((r) => server.close(() => r()))

/** What the SMS gateway adapter posts. */
export interface SentSms {
  clientRef: string
  to: string
  templateId: string
  variables: string[]
  message: string
}

/**
 * A local DLT SMS gateway recording what reaches customers' phones, and the adapter head office
 * uses (headoffice/notifications/sms-gateway.ts) pointed at it.
 */
export async function smsSink(): Promise<{
  sender: SmsSender
  sent: SentSms[]
  close(): Promise<void>
}> {
  const sent: SentSms[] = []
  const server = createServer((req: IncomingMessage, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      sent.push(JSON.parse(data) as SentSms)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `m${sent.length}` }))
    })
  })
  const url = await listen(server)
  const sender = createSmsGateway({
    url: `${url}/send`,
    apiKey: 'test-key',
    senderId: 'XIAOMI',
    entityId: '1101000000000000001',
    templateIds: {
      'plan-enrolled': '1107170000000000201',
      'step-down-reminder': '1107170000000000202',
      'redemption-confirmed': '1107170000000000203',
      'redemption-otp': '1107170000000000204',
    },
  })
  return { sender, sent, close: () => close(server) }
}

/**
 * A local lost/stolen register speaking the protocol of services/imei-register.ts: `listed`
 * IMEIs answer `listed`, others `clear`; `mode` makes it fail as a real one does.
 */
export async function imeiRegisterServer(): Promise<{
  url: string
  listed: Set<string>
  mode: 'up' | 'down' | 'garbled'
  asked: string[]
  register: ImeiRegister
  close(): Promise<void>
}> {
  const state = {
    listed: new Set<string>(),
    mode: 'up' as 'up' | 'down' | 'garbled',
    asked: [] as string[],
  }
  const server = createServer((req, res) => {
    const imei = decodeURIComponent((req.url ?? '').split('/').pop() ?? '')
    state.asked.push(imei)
    if (state.mode === 'down') return void res.writeHead(503).end('maintenance')
    if (state.mode === 'garbled') return void res.writeHead(200).end('<html>login</html>')
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ imei, status: state.listed.has(imei) ? 'listed' : 'clear' }))
  })
  const url = `${await listen(server)}/v1/imei`
  return Object.assign(state, {
    url,
    register: createHttpImeiRegister({ url, timeoutMs: 2_000 }),
    close: () => close(server),
  })
}
