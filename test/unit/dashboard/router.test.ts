// Client routes (dashboard/src/lib/router.ts): parsing, building and the sign-in return path.
import { describe, expect, it } from 'vitest'
import { HOME, parseRoute, routePath, safeNext, type Route } from '../../../dashboard/src/lib/router.ts'

describe('router', () => {
  it('parses every client route', () => {
    expect(parseRoute('/wall')).toEqual({ name: 'wall' })
    expect(parseRoute('/weekly/')).toEqual({ name: 'weekly' })
    expect(parseRoute('/region')).toEqual({ name: 'region' })
    expect(parseRoute('/region/%E5%8D%8E%E4%B8%9C/%E4%B8%8A%E6%B5%B7/sh-pudong')).toEqual({ name: 'region', region: '华东', city: '上海', zone: 'sh-pudong' })
    expect(parseRoute('/signin', '?next=%2Fweekly')).toEqual({ name: 'signin', next: '/weekly' })
  })

  it('knows nothing else', () => {
    for (const p of ['/', '/wall/x', '/region/a/b/c/d', '/api/v1/kpis', '/region/%E0']) expect(parseRoute(p), p).toBeUndefined()
  })

  it('builds paths that parse back to the same route', () => {
    const routes: Route[] = [{ name: 'wall' }, { name: 'weekly' }, { name: 'region', region: '华东', city: '上海' }, { name: 'signin', next: '/region/华东' }, { name: 'signin', next: HOME }]
    for (const r of routes) {
      const url = new URL(routePath(r), 'http://x')
      expect(parseRoute(url.pathname, url.search), routePath(r)).toEqual(r)
    }
  })

  it('returns after sign-in only to a page of this site', () => {
    expect(safeNext('/weekly?x=1')).toBe('/weekly?x=1')
    for (const bad of [null, 'https://evil.example/wall', '//evil.example/wall', '/api/v1/kpis', 'wall']) expect(safeNext(bad), String(bad)).toBe(HOME)
  })
})
