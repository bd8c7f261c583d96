// Authentication and role checks (SPEC §8): a bearer token, or the signed session cookie a browser got by
// signing in. Every /api route declares the roles it admits with `app.allow(...)`; region scoping of a
// `regional` principal is enforced where scopes are resolved (server/src/kpi/scope.ts), never only in the
// browser.
import fastifyCookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { Forbidden, Unauthorized } from '../errors.ts'
import type { Principal, Principals, Role } from '../auth/principals.ts'
import { decodeSession, encodeSession, SESSION_COOKIE, SESSION_TTL_MS } from '../auth/session.ts'

declare module 'fastify' {
  interface FastifyInstance {
    allow(roles: readonly Role[]): preHandlerHookHandler
    /** The principal of a request's bearer token or session cookie, or undefined. */
    identify(request: FastifyRequest): Principal | undefined
    principals: Principals
  }
  interface FastifyRequest {
    principal: Principal
  }
  interface FastifyReply {
    startSession(principal: Principal): FastifyReply
    endSession(): FastifyReply
  }
}

export default fp<{ principals: Principals; sessionSecret: string }>(
  async (app, { principals, sessionSecret }) => {
    await app.register(fastifyCookie, { secret: sessionSecret, parseOptions: { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' } })
    app.decorate('principals', principals)
    app.decorateRequest('principal', undefined as unknown as Principal)

    const identify = (request: FastifyRequest): Principal | undefined => {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]
      if (bearer) return principals.byToken(bearer)
      const cookie = request.cookies[SESSION_COOKIE]
      if (!cookie) return undefined
      const unsigned = request.unsignCookie(cookie)
      const claims = unsigned.valid && unsigned.value ? decodeSession(unsigned.value, Date.now()) : undefined
      return claims && principals.byName(claims.name)
    }
    app.decorate('identify', identify)

    app.decorate('allow', (roles: readonly Role[]) => async (request: FastifyRequest, _reply: FastifyReply) => {
      const principal = identify(request)
      if (!principal) {
        throw new Unauthorized(request.headers.authorization ? 'the bearer token is not valid' : 'send Authorization: Bearer <token>, or sign in')
      }
      if (!roles.includes(principal.role)) {
        throw new Forbidden(`role ${principal.role} may not ${request.method} ${request.routeOptions.url}; needs ${roles.join(' or ')}`)
      }
      request.principal = principal
    })

    app.decorateReply('startSession', function (this: FastifyReply, principal: Principal) {
      const value = encodeSession({ name: principal.name, expires: Date.now() + SESSION_TTL_MS })
      return this.setCookie(SESSION_COOKIE, value, { signed: true, maxAge: SESSION_TTL_MS / 1000, httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' })
    })
    app.decorateReply('endSession', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, { path: '/' })
    })
  },
  { name: 'auth' },
)
