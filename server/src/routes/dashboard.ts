// The dashboard's client routes (issue 4) answer with its index.html, so deep links and reloads of /wall,
// /region/华东/上海/sh-pudong or /weekly work; the client router (dashboard/src/lib/router.ts) decides what to
// show. The built assets themselves are served by @fastify/static (server/src/app.ts), and anything under
// /api that no route matches keeps the API's JSON 404.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DashboardNotBuilt } from '../errors.ts'

/** Keep in step with ROUTES in dashboard/src/lib/router.ts. */
const CLIENT_ROUTES = ['/', '/wall', '/signin', '/weekly', '/region', '/region/*']

export default async function dashboardRoutes(app: FastifyInstance, opts: { dist: string }) {
  const built = existsSync(join(opts.dist, 'index.html'))
  for (const url of CLIENT_ROUTES) {
    app.get(url, async (_request, reply) => {
      // 503 rather than 404: the page exists, this deployment just has not built it.
      if (!built) throw new DashboardNotBuilt('the dashboard is not built; run `npm run build` and restart')
      // no-cache: a wall that reloads after a deployment must get the new asset names.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false })
    })
  }
}
