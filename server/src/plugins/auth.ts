// Authentication and role checks (SPEC §8). Every /api route declares the roles it admits with
// `app.allow(...)`; region scoping of a `regional` principal is enforced where scopes are resolved
// (server/src/kpi/scope.ts), never only in the browser.
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { Forbidden, Unauthorized } from '../errors.ts'
import type { Principal, Principals, Role } from '../auth/principals.ts'

declare module 'fastify' {
  interface FastifyInstance {
    allow(roles: readonly Role[]): preHandlerHookHandler
  }
  interface FastifyRequest {
    principal: Principal
  }
}

export default fp<{ principals: Principals }>(
  async (app, { principals }) => {
    app.decorateRequest('principal', undefined as unknown as Principal)

    const authenticate = (request: FastifyRequest): Principal => {
      const header = request.headers.authorization ?? ''
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      if (!match?.[1]) throw new Unauthorized('send Authorization: Bearer <token>')
      const principal = principals.byToken(match[1])
      if (!principal) throw new Unauthorized('the bearer token is not valid')
      return principal
    }

    app.decorate('allow', (roles: readonly Role[]) => async (request: FastifyRequest, _reply: FastifyReply) => {
      const principal = authenticate(request)
      if (!roles.includes(principal.role)) {
        throw new Forbidden(`role ${principal.role} may not ${request.method} ${request.routeOptions.url}; needs ${roles.join(' or ')}`)
      }
      request.principal = principal
    })
  },
  { name: 'auth' },
)
