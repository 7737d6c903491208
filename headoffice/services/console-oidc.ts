import * as oidc from 'openid-client'
import { HeadOfficeError } from '../errors'
import type { SecretBox } from './secret-box'

/** The company directory's OpenID Connect provider (docs/console.md#single-sign-on). */
export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  /** This head office's callback, as registered at the provider: …/console/api/oidc/callback. */
  redirectUri: string
}

/** What the browser keeps between leaving for the provider and coming back (sealed cookie). */
interface Pending {
  verifier: string
  state: string
  nonce: string
  at: number
}

const PENDING_MS = 10 * 60_000

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname
  return host === '127.0.0.1' || host === '[::1]' || host === 'localhost'
}

/**
 * Single sign-on with `openid-client`: authorization code flow with PKCE, state and nonce. The
 * provider proves who the person is (its own second factors apply); which role they hold is the
 * console's business, so only an existing, active console account with the verified e-mail signs
 * in. Plain-HTTP issuers are accepted on a loopback address only (a provider on the same machine).
 */
export function createOidcSignIn(settings: OidcSettings, box: SecretBox) {
  let discovered: Promise<oidc.Configuration> | null = null
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        isLoopback(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = null
        throw error
      })
    return discovered
  }

  return {
    /** Where to send the browser, and the sealed state to keep in its cookie. */
    async start(now: number): Promise<{ url: string; sealed: string }> {
      const config = await configuration()
      const pending: Pending = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        at: now,
      }
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      return { url: url.href, sealed: box.seal(JSON.stringify(pending)) }
    },

    /** The verified e-mail of the person the provider sent back (`callbackQuery`: its query string). */
    async finish(callbackQuery: string, sealed: string, now: number): Promise<string> {
      let pending: Pending
      try {
        pending = JSON.parse(box.open(sealed)) as Pending
      } catch {
        throw new HeadOfficeError('UNAUTHORIZED', 'Single sign-on was not started here.')
      }
      if (now - pending.at > PENDING_MS) {
        throw new HeadOfficeError('UNAUTHORIZED', 'Single sign-on took too long: start again.')
      }
      // The registered callback with the provider's answer: never a host the request claims.
      const callback = new URL(settings.redirectUri)
      callback.search = callbackQuery
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      })
      const idToken = tokens.claims()
      if (!idToken) throw new HeadOfficeError('UNAUTHORIZED', 'The directory sent no ID token.')
      // Providers put the e-mail in the ID token or (the spec's default for the code flow) only
      // in UserInfo, which is then fetched for the same subject.
      const claims =
        typeof idToken.email === 'string'
          ? idToken
          : await oidc.fetchUserInfo(await configuration(), tokens.access_token, idToken.sub)
      if (typeof claims.email !== 'string' || claims.email_verified !== true) {
        throw new HeadOfficeError('UNAUTHORIZED', 'The directory did not give a verified e-mail.')
      }
      return claims.email.trim().toLowerCase()
    },
  }
}

export type OidcSignIn = ReturnType<typeof createOidcSignIn>
