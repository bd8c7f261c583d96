// Sign-in for browsers (SPEC §8, issue 4): POST /api/v1/session exchanges a token (how wall displays are
// provisioned with ?token=) or a name and password for the session cookie; GET tells the dashboard who it
// is; DELETE signs out. Sign-in attempts are rate-limited per client address.
import type { FastifyInstance } from 'fastify'
import { READERS, type Principal } from '../auth/principals.ts'
import { Unauthorized } from '../errors.ts'

const principalJson = (p: Principal) => ({ name: p.name, role: p.role, regions: p.regions ?? null })

export default async function sessionRoutes(app: FastifyInstance) {
  app.post('/api/v1/session', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      body: {
        type: 'object',
        properties: {
          token: { type: 'string', minLength: 1, maxLength: 512 },
          name: { type: 'string', minLength: 1, maxLength: 128 },
          password: { type: 'string', minLength: 1, maxLength: 512 },
        },
        additionalProperties: false,
      },
    },
    handler: async (request, reply) => {
      const body = request.body as { token?: string; name?: string; password?: string }
      const principal = body.token ? app.principals.byToken(body.token) : body.name && body.password ? app.principals.byPassword(body.name, body.password) : undefined
      if (!principal || principal.role === 'ingest') {
        await app.audit(request, 'sign-in.failed', body.name ?? '(token)')
        throw new Unauthorized('the token, or the name and password, are not valid for the dashboard')
      }
      request.principal = principal
      await app.audit(request, 'sign-in', principal.name, { role: principal.role, with: body.token ? 'token' : 'password' })
      return reply.startSession(principal).send({ principal: principalJson(principal) })
    },
  })

  app.get('/api/v1/session', {
    onRequest: app.allow(READERS),
    handler: async (request) => ({ principal: principalJson(request.principal) }),
  })

  app.delete('/api/v1/session', async (_request, reply) => reply.endSession().send({ signed_out: true }))
}
