import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { UpdateQuerySchema } from '../../shared/sync/updates'
import { HeadOfficeError } from '../errors'
import { adminAuthHook } from '../http/admin-auth'
import type { KioskAuth } from '../http/kiosk-auth'
import { validate } from '../http/validate'
import type { KioskRef } from '../ingest/outcome'
import {
  addRelease,
  listReleases,
  offerFor,
  setRelease,
  type UpdateFeed,
} from '../services/update-feed'
import { RELEASE_STATUSES } from '../services/update-rollout'

const version = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/)
const percent = z.number().int().min(0).max(100)
const stores = z.array(z.string().regex(/^[A-Z0-9]{2,8}$/)).max(1000)

/**
 * The kiosk update feed (docs/updates.md): `GET /sync/update` (signed by the kiosk) names the
 * release head office offers it; `/updates/<version>/…` serves the release's files to
 * electron-updater's generic provider; `/admin/updates` registers releases and steers their rollout.
 */
export function registerUpdateRoutes(
  app: FastifyInstance,
  deps: {
    ds: DataSource
    clock: () => number
    adminToken: string
    auth: KioskAuth
    feed: UpdateFeed | null
  },
): void {
  const { ds, feed, clock } = deps
  app.get('/sync/update', { ...deps.auth }, async (request) => {
    const query = validate(UpdateQuerySchema, request.query)
    const kiosk = request.kiosk as KioskRef
    const offer = feed ? await offerFor(ds, feed, kiosk, query) : null
    return { ok: true, data: { offer } }
  })

  if (feed) {
    // Static files with ETag/Range support from the maintained plugin; no directory listing.
    void app.register(fastifyStatic, {
      root: feed.dir,
      prefix: '/updates/',
      index: false,
      list: false,
      dotfiles: 'deny',
      decorateReply: false,
    })
  }

  void app.register(
    async (admin) => {
      admin.addHook('onRequest', adminAuthHook(deps.adminToken))
      admin.get('/', async () => ({ ok: true, data: await listReleases(ds) }))
      admin.post('/', async (request) => {
        const body = validate(
          z.object({ version, percent: percent.optional(), stores: stores.optional() }),
          request.body,
        )
        if (!feed) return noFeed()
        return { ok: true, data: await addRelease(ds, feed, body, clock()) }
      })
      admin.post('/:version', async (request) => {
        const { version: v } = validate(z.object({ version }), request.params)
        const body = validate(
          z.object({
            percent: percent.optional(),
            stores: stores.optional(),
            status: z.enum(RELEASE_STATUSES).optional(),
          }),
          request.body,
        )
        return { ok: true, data: await setRelease(ds, v, body, clock()) }
      })
    },
    { prefix: '/admin/updates' },
  )
}

function noFeed(): never {
  throw new HeadOfficeError(
    'UPDATE_RELEASE_INVALID',
    'HEADOFFICE_UPDATES_DIR is not set: there is no update feed to release from.',
  )
}
