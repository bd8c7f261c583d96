// The one place the environment is read (SPEC §3). Every key is validated once at start-up; a bad value
// stops the process with a message naming the key and what to set.
import { z } from 'zod'
import { offsetAt } from './kpi/business-time.ts'

const clock = /^([01]\d|2[0-3]):[0-5]\d$/

/** "11:00-13:00,17:00-20:00" → [[660, 780], [1020, 1200]] minutes of the business day, half-open. */
const peakWindows = z
  .string()
  .transform((s, ctx) => {
    const windows: Array<[number, number]> = []
    for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [a, b] = part.split('-')
      if (!a || !b || !clock.test(a) || !clock.test(b) || minutes(a) >= minutes(b)) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a window like 11:00-13:00` })
        return z.NEVER
      }
      windows.push([minutes(a), minutes(b)])
    }
    return windows
  })

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

const monthDays = z
  .string()
  .transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'each day must be MM-DD')))

const timeZone = z
  .string()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'must be an IANA time zone such as Asia/Shanghai')
  // Stored KPIs are kept per UTC hour (sql/migrations/0011_kpi_rollups.sql), which must lie in one business
  // hour: zones like Asia/Kolkata (+05:30) are not supported.
  .refine(wholeHourOffsets, 'must be offset from UTC by whole hours (e.g. Asia/Shanghai, Europe/Berlin)')

/** Whether the zone's offset from UTC is a whole number of hours in winter and in summer of this year. */
function wholeHourOffsets(tz: string): boolean {
  const year = new Date().getUTCFullYear()
  try {
    return [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)].every((ms) => offsetAt(ms, tz) % 3_600_000 === 0)
  } catch {
    return true // not a time zone at all: the check above says so
  }
}

const positiveNumber = z.coerce.number().finite().positive()

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port of the API and dashboard'),
  HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
  DATA_DIR: z.string().min(1).default('./data').describe('embedded ClickHouse data and the demo auth file'),
  CLICKHOUSE_URL: z.url().optional().describe('a ClickHouse server; unset → embedded chDB in DATA_DIR'),
  CLICKHOUSE_USER: z.string().default('default').describe('ClickHouse server user'),
  CLICKHOUSE_PASSWORD: z.string().default('').describe('ClickHouse server password'),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('radar')
    .describe('database on the ClickHouse server (embedded mode uses its default database)'),
  CHDB_SESSIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(2)
    .describe('embedded chDB sessions, which run statements side by side: about one per core'),
  SIMULATOR: z.enum(['on', 'off']).default('on').describe('generate demo events (on) or not (off)'),
  SIMULATOR_RATE: positiveNumber.default(1).describe('simulated volume, 1 = a realistic platform'),
  SIMULATOR_BACKFILL_DAYS: z.coerce.number().int().min(0).max(90).default(14).describe('days the simulator backfills'),
  TZ_BUSINESS: timeZone.default('Asia/Shanghai').describe('time zone of every business day and hour bucket'),
  AUTH_FILE: z.string().min(1).optional().describe('principals JSON (SPEC §8); unset → a demo file in DATA_DIR'),
  ZONES_FILE: z.string().min(1).optional().describe('zone reference data, JSON or CSV; unset → simulator zones'),
  CORS_ORIGINS: z
    .string()
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url('each origin must be a URL like https://ops.example.com')))
    .default([])
    .describe('comma-separated origins allowed to call the API from a browser; unset → none (same origin only)'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('signs session cookies; unset → a key kept in DATA_DIR'),
  BODY_LIMIT_MB: positiveNumber.default(16).describe('largest accepted ingest body in MiB'),
  SPOOL_MAX_MB: positiveNumber.default(512).describe('local spool for events accepted while ClickHouse is down; full → 503'),
  INSERT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000).describe('a ClickHouse write slower than this is spooled instead'),
  INGEST_GROUP_MS: z.coerce.number().int().min(0).max(5_000).default(1_000).describe('small ingest writes begin at least this far apart, grouped (0: no wait); more → less CPU, later acknowledgement'),
  INGEST_MAX_INFLIGHT: z.coerce.number().int().min(1).default(256).describe('ingest requests held at once (most wait for the group commit); more → 429'),
  INGEST_MAX_INFLIGHT_MB: positiveNumber.default(128).describe('ingest body bytes handled at once; more → 429'),
  FAULT_INJECTION: z.enum(['on', 'off']).default('off').describe('on: admins may make storage writes fail, slow or hang (tests only)'),
  PEAK_WINDOWS: peakWindows.default([[660, 780], [1020, 1200]]).describe('peak windows in business time'),
  PROMOTION_DAYS: monthDays.default(['06-18', '11-11']).describe('MM-DD days that are peak all day'),
  COUPON_CNY: z.coerce.number().finite().min(0).default(5).describe('coupon owed per broken 3-minute promise'),
  STREAK_DAYS: z.coerce.number().int().min(2).max(14).default(3).describe('consecutive exceeding days that fire zone_complaint_streak'),
  STREAK_MIN_ORDERS: z.coerce.number().int().min(0).default(30).describe('orders a zone needs on a day for that day to count'),
  STREAK_FACTOR: z.coerce.number().finite().min(1).default(1.2).describe('zone rate must exceed this × the platform rate'),
  AGENT_RATIO_MAX: positiveNumber.default(1500).describe('orders_per_agent above this fires agent_order_ratio (industry 1:1500)'),
  PEAK_RATE_MIN: z.coerce.number().min(0).max(1).default(0.8).describe('peak instant response rate below this fires peak_response_rate'),
  PEAK_MIN_TICKETS: z.coerce.number().int().min(1).default(20).describe('tickets in the last 30 min needed to judge peak response'),
  URGENT_UNANSWERED_MIN: positiveNumber.default(15).describe('minutes an urgent ticket may wait for a first response'),
  ESCALATION_TERMS: z
    .string()
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))
    .default(['消协', '12315', '曝光', '媒体', '律师', '起诉', '报警'])
    .describe('comma-separated words in a complaint that open escalation_risk'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino level'),
})

export type Config = Readonly<z.output<typeof schema>>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the settings; throws ConfigError naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0])
      const help = schema.shape[key as keyof typeof schema.shape]?.description ?? ''
      return `  ${key}=${JSON.stringify(env[key] ?? '')}: ${i.message} (${help})`
    })
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`)
  }
  return Object.freeze(parsed.data)
}
