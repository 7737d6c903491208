import { existsSync, readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

/**
 * The deployment files (deploy/, docs/deployment.md) name head office's settings and entry point;
 * nothing runs them here (no systemd, Docker or Caddy on these machines), so they are checked
 * against the code they configure: every setting they set is one headoffice/config.ts reads, the
 * entry point exists, the proxy's health check is a route.
 */
const config = readFileSync('headoffice/config.ts', 'utf8')
const readByConfig = (name: string) =>
  config.includes(`env.${name}`) || config.includes(`'${name}'`)
const HEADOFFICE_VARS = /^(HEADOFFICE_|DATABASE_URL|SMS_|SMTP_)/

describe('deploy/', () => {
  it('sets only settings head office reads', () => {
    const env = readFileSync('deploy/headoffice.env.example', 'utf8')
    const unit = readFileSync('deploy/headoffice@.service', 'utf8')
    const compose = load(readFileSync('deploy/compose.yaml', 'utf8')) as {
      services: Record<string, { environment?: Record<string, string> }>
    }
    const names = [
      ...[...env.matchAll(/^#?([A-Z_]+)=/gm)].map((m) => m[1]!),
      ...[...unit.matchAll(/^Environment=([A-Z_]+)=/gm)].map((m) => m[1]!),
      ...Object.keys(compose.services.headoffice?.environment ?? {}),
    ].filter((n) => HEADOFFICE_VARS.test(n))
    expect(names.length).toBeGreaterThan(8)
    expect(names.filter((n) => !readByConfig(n))).toEqual([])
    // The secrets head office refuses to start without on PostgreSQL are in the example.
    for (const required of ['DATABASE_URL', 'HEADOFFICE_MASTER_KEY', 'HEADOFFICE_ADMIN_TOKEN'])
      expect(env).toMatch(new RegExp(`^${required}=`, 'm'))
  })

  it('runs the entry point npm run headoffice runs, behind a health check that exists', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.headoffice).toContain('headoffice/server.ts')
    expect(readFileSync('deploy/headoffice@.service', 'utf8')).toMatch(
      /^ExecStart=\/usr\/bin\/node --import tsx headoffice\/server\.ts$/m,
    )
    expect(readFileSync('deploy/Dockerfile', 'utf8')).toContain('"headoffice/server.ts"')
    expect(existsSync('headoffice/server.ts')).toBe(true)
    const health = /health_uri (\S+)/.exec(readFileSync('deploy/Caddyfile', 'utf8'))?.[1]
    expect(health).toBe('/health/ready')
    expect(readFileSync('headoffice/routes/health-routes.ts', 'utf8')).toContain(
      `app.get('${health}'`,
    )
  })

  it('compose runs PostgreSQL with WAL archiving, head office replicas and the TLS proxy', () => {
    const compose = load(readFileSync('deploy/compose.yaml', 'utf8')) as {
      services: Record<string, { command?: string[]; deploy?: { replicas: number } }>
    }
    expect(Object.keys(compose.services).sort()).toEqual(['caddy', 'headoffice', 'postgres'])
    expect(compose.services.postgres?.command).toEqual(
      expect.arrayContaining(['archive_mode=on', 'wal_level=replica']),
    )
    expect(compose.services.headoffice?.deploy?.replicas).toBeGreaterThan(1)
  })
})
