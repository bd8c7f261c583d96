// The process: read the configuration, open storage, build the app, listen, run the simulator in the demo,
// and close cleanly on SIGTERM/SIGINT (in-flight writes drain before storage closes).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadDefaultZones } from '../../ingest/simulator/index.ts'
import { openStorage } from '../../sql/client.ts'
import { buildApp } from './app.ts'
import { ensureDemoAuthFile } from './auth/demo-file.ts'
import { newToken, Principals } from './auth/principals.ts'
import { loadSessionSecret } from './auth/secret.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { startSimulator } from './simulator.ts'
import { bootstrapZones } from './zones/bootstrap.ts'

async function main(): Promise<void> {
  const config = loadConfig()
  const storage = await openStorage({
    dataDir: config.DATA_DIR,
    url: config.CLICKHOUSE_URL,
    user: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database: config.CLICKHOUSE_DATABASE,
    sessions: config.CHDB_SESSIONS,
  })
  const simulatorToken = newToken()
  const principals = loadPrincipals(config).withToken('simulator', 'ingest', simulatorToken)
  const app = await buildApp({ config, storage, principals, sessionSecret: loadSessionSecret(config.SESSION_SECRET, config.DATA_DIR) })
  await bootstrapZones(app.zones, config.ZONES_FILE)
  await app.listen({ port: config.PORT, host: config.HOST })

  const simulator = config.SIMULATOR === 'on' ? startSimulator(app, config, simulatorToken) : undefined
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await simulator?.stop()
    await app.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}

function loadPrincipals(config: Config): Principals {
  const path = resolve(config.AUTH_FILE ?? join(config.DATA_DIR, 'auth.json'))
  if (!config.AUTH_FILE) {
    const tokens = ensureDemoAuthFile(path, loadDefaultZones()[0]?.region)
    if (tokens) {
      console.log(`\nDemo principals written to ${path} (only their hashes are stored). Tokens, shown once:`)
      for (const t of tokens) console.log(`  ${t.role.padEnd(10)} ${t.token}${t.regions ? `  (${t.regions.join(', ')})` : ''}`)
      console.log(`Open the dashboard with http://localhost:${config.PORT}/?token=<token>\n`)
    } else console.log(`Principals: ${path}`)
  }
  return new Principals(JSON.parse(readFileSync(path, 'utf8')))
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
})
