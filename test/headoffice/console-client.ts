/**
 * A browser's view of the console API for tests: a cookie jar, the CSRF header, and the answers
 * as JSON (`call`) or as the raw response (`fetch`, for CSV downloads).
 */
export function consoleClient(base: string) {
  const jar = new Map<string, string>()
  let csrf = ''
  async function raw(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const response = await fetch(`${base}/console/api${path}`, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, v] = (pair as string).split('=') as [string, string]
      if (v === '') jar.delete(k)
      else jar.set(k, v)
    }
    return response
  }
  async function call(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ) {
    const response = await raw(method, path, body, extra)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any answer
    const json = (await response.json()) as any
    return { status: response.status, json, cookies: response.headers.getSetCookie() }
  }
  return {
    jar,
    call,
    fetch: raw,
    async csrf() {
      csrf = (await call('GET', '/csrf')).json.data.csrfToken
    },
    dropCsrf() {
      csrf = ''
    },
    async signIn(email: string, password: string) {
      await this.csrf()
      return call('POST', '/sign-in', { email, password })
    },
  }
}
