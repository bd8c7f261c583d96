// Starts the real app on embedded ClickHouse in a fresh temporary data directory (one per test file: each
// file runs in its own forked process, and chDB allows one data directory per process).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../server/src/app.ts'
import { Principals, sha256Hex, type Role } from '../../server/src/auth/principals.ts'
import { loadConfig, type Config } from '../../server/src/config.ts'
import type { Zone } from '../../server/src/zones/registry.ts'
import { afterAll, beforeAll } from 'vitest'
import { openStorage, type Storage } from '../../sql/client.ts'
import { migrate } from '../../sql/migrate.ts'

export const TEST_ZONES: Zone[] = [
  { id: 'sh-pudong', name: '浦东新区', city: '上海', region: '华东' },
  { id: 'sh-xuhui', name: '徐汇区', city: '上海', region: '华东' },
  { id: 'hz-xihu', name: '西湖区', city: '杭州', region: '华东' },
  { id: 'bj-chaoyang', name: '朝阳区', city: '北京', region: '华北' },
  { id: 'bj-haidian', name: '海淀区', city: '北京', region: '华北' },
]

/** One bearer token per role, plus a regional principal limited to 华北. */
export const TOKENS = {
  admin: 'tok-admin',
  ops: 'tok-ops',
  executive: 'tok-exec',
  wall: 'tok-wall',
  ingest: 'tok-ingest',
  regional: 'tok-regional-north',
} as const

export interface TestApp {
  app: FastifyInstance
  config: Config
  dataDir: string
  close(): Promise<void>
}

/**
 * The storage alone, migrated, in a fresh data directory for this test file (opened before its tests,
 * closed and removed after them), for tests of ingest and SQL below the app.
 */
export function useStorage(prefix: string): () => Storage {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  let storage: Storage | undefined
  beforeAll(async () => {
    storage = await openStorage({ dataDir: dir })
    await migrate(storage.client)
  })
  afterAll(async () => {
    await storage?.close()
    removeDataDir(dir)
  })
  return () => {
    if (!storage) throw new Error('the storage opens before the tests')
    return storage
  }
}

export async function startTestApp(env: Record<string, string> = {}, dataDir = mkdtempSync(join(tmpdir(), 'radar-test-')), logStream?: NodeJS.WritableStream): Promise<TestApp> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SIMULATOR: 'off', ...env })
  const storage = await openStorage({ dataDir })
  const principals = new Principals(
    (Object.entries(TOKENS) as Array<[Role, string]>).map(([role, token]) => ({
      name: `test-${role}`,
      role,
      token_sha256: sha256Hex(token),
      ...(role === 'regional' ? { regions: ['华北'] } : {}),
    })),
  )
  const app = await buildApp({ config, storage, principals, sessionSecret: 'test-session-secret-test-session-secret', logStream })
  if (app.zones.size === 0) await app.zones.replace(TEST_ZONES)
  return {
    app,
    config,
    dataDir,
    close: async () => {
      await app.close()
    },
  }
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export function auth(role: keyof typeof TOKENS): Record<string, string> {
  return { authorization: `Bearer ${TOKENS[role]}` }
}

/** POSTs events as a JSON array with the ingest token and returns the parsed result. */
export async function postEvents(app: FastifyInstance, events: unknown[]): Promise<{ accepted: number; duplicates: number; rejected: Array<{ index: number; event_id: string; error: string }> }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/events', headers: auth('ingest'), payload: events })
  if (res.statusCode !== 200) throw new Error(`ingest answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

export async function getJson<T = Record<string, unknown>>(app: FastifyInstance, url: string, role: keyof typeof TOKENS = 'ops'): Promise<T> {
  const res: LightMyRequestResponse = await app.inject({ method: 'GET', url, headers: auth(role) })
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as T
}
