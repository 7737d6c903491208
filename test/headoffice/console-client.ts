/**
 * A browser's view of the console API for tests: a cookie jar, the CSRF header, and the answers
 * as JSON (`call`) or as the raw response (`fetch`, for CSV downloads).
 */
export function consoleClient(base: string) {
  const jar = new Map<string, string>()
  let csrf = ''
  async function raw(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${base}/console/api${path}`, {
      method,
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
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
  async function call(method: string, path: string, body?: unknown) {
    const response = await raw(method, path, body)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any answer
    const json = (await response.json()) as any
    return { status: response.status, json }
  }
  return {
    call,
    fetch: raw,
    async signIn(email: string, password: string) {
      csrf = (await call('GET', '/csrf')).json.data.csrfToken
      const r = await call('POST', '/sign-in', { email, password })
      if (r.status !== 200) throw new Error(`sign-in of ${email}: ${JSON.stringify(r.json)}`)
      return r
    },
  }
}
