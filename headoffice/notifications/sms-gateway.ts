import { assertMatchesTemplate, templateOf, type SmsTemplate } from './templates'
import { PermanentSendError, type SmsMessage, type SmsSender } from './senders'

export interface SmsGatewayOptions {
  /** The gateway's send endpoint (JSON over HTTP). */
  url: string
  apiKey: string
  /** DLT-registered sender id (header), e.g. `XIAOMI`. */
  senderId: string
  /** DLT principal entity id of the brand. */
  entityId: string
  /** The DLT id each template is registered under (configuration, issue 18). */
  templateIds: Record<SmsTemplate['name'], string>
  fetch?: typeof fetch
  timeoutMs?: number
}

/**
 * SMS through an HTTP gateway in the shape Indian DLT gateways take: sender id, entity id,
 * template id and the variables, plus the rendered text (which the operator matches against the
 * registered template — checked here first, so a drifting template fails loudly at head office
 * instead of silently at the operator). 4xx answers are permanent; 5xx and network errors retry.
 *
 * `clientRef` is the notification's id, the same on every attempt: it is the idempotency key the
 * gateway must honour (Indian gateways take a client-side message reference and drop a repeat of
 * it), so a resend after head office lost the gateway's answer does not reach the customer twice.
 */
export function createSmsGateway(options: SmsGatewayOptions): SmsSender {
  const doFetch = options.fetch ?? fetch
  return {
    async send(message: SmsMessage) {
      const template = templateOf(message.templateId)
      if (!template) throw new PermanentSendError(`Unknown SMS template ${message.templateId}`)
      try {
        assertMatchesTemplate(template, message.text)
      } catch (error) {
        throw new PermanentSendError((error as Error).message)
      }
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.apiKey}`,
        },
        body: JSON.stringify({
          clientRef: message.notificationId,
          sender: options.senderId,
          entityId: options.entityId,
          templateId: options.templateIds[template.name],
          to: `91${message.to}`,
          variables: message.variables,
          message: message.text,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      })
      const text = await response.text()
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw new PermanentSendError(`Gateway refused (${response.status}): ${text.slice(0, 200)}`)
      }
      if (!response.ok) throw new Error(`Gateway error ${response.status}`)
      let ref: string | null = null
      try {
        const body = JSON.parse(text) as { id?: unknown; messageId?: unknown }
        ref = String(body.messageId ?? body.id ?? '') || null
      } catch {
        ref = null
      }
      return { providerRef: ref }
    },
  }
}
