/**
 * The console's one way to head office: same-origin fetch under /console/api with the session
 * cookie, and the CSRF token on every state-changing request (docs/console.md#sessions).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

let csrfToken = ''

async function csrf(): Promise<string> {
  if (!csrfToken) {
    const r = await fetch('/console/api/csrf', { credentials: 'same-origin' })
    csrfToken = ((await r.json()) as { data: { csrfToken: string } }).data.csrfToken
  }
  return csrfToken
}

/** Calls the console API; a refusal is thrown as {@link ApiError} with its stable code. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (method !== 'GET') headers['x-csrf-token'] = await csrf()
  if (body !== undefined) headers['content-type'] = 'application/json'
  const r = await fetch(`/console/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await r.json()) as {
    ok: boolean
    data: T
    error?: { code: string; message: string }
  }
  if (!r.ok || !json.ok) {
    throw new ApiError(
      r.status,
      json.error?.code ?? 'INTERNAL',
      json.error?.message ?? r.statusText,
    )
  }
  return json.data
}
