// The history the query benchmark reads: N tickets over D business days up to now, built inside ClickHouse
// by INSERT … SELECT from numbers() into `events`, so the schema's materialized views fill the per-ticket
// and per-zone-minute tables exactly as ingest would — except ingest's own look-up tables (`event_ids` for
// de-duplication, `ticket_index` for stamping creation times), which no read query touches and which
// would cost a third of the build: their views are detached meanwhile and the tables stay empty.
// Shapes follow the simulator (ingest/simulator): its zones and their relative sizes, the diurnal order
// curve, channel/category/segment mixes, bot and human first responses, hand-overs, escalations,
// resolutions, reopens, ratings, call-backs, orders.count per zone-minute at a ≈ 0.75 % complaint rate, and
// agent rosters with shifts and rest days sized to 1:1500–1:3000 orders per agent, and complaint texts drawn
// from 2,500 masked simulator texts per category. Variates come from
// cityHash64 of the row number, so a build is deterministic (random UUID ticket ids aside). Business days
// are those of Asia/Shanghai (fixed UTC+8, as the simulator assumes).
import type { ClickHouseClient } from '@clickhouse/client'
import { CATEGORIES, SEGMENTS, SERVICES } from '../ingest/events.ts'
import { KEYWORDS_KEY, keywordsOf } from '../ingest/keywords/segment.ts'
import { maskPersonalData } from '../ingest/mask.ts'
import { buildRoster, planStaffing, type Agent } from '../ingest/simulator/agents.ts'
import { expectedOrdersPerMinute } from '../ingest/simulator/demand.ts'
import { hashString, Rng } from '../ingest/simulator/random.ts'
import { complaintText } from '../ingest/simulator/texts.ts'
import { DAY, HOUR, MINUTE, businessDay, businessHour, dayStart } from '../ingest/simulator/time.ts'
import { buildWorld } from '../ingest/simulator/world.ts'
import type { Zone } from '../ingest/simulator/zones.ts'

export interface HistoryPlan {
  tickets: number
  days: number
  /** Ticket ids that do not sort by time (random UUIDs) instead of the simulator's zone-and-minute ids. */
  uuids: boolean
  now: number
  zones: Zone[]
}

export interface HistoryStats {
  /** Wall time per step, in build order. */
  steps: Array<{ name: string; ms: number }>
  events: number
  tickets: number
  ordersPerDay: number
  agents: number
}

/** Complaints per order, as the simulator's BASE_COMPLAINT_RATE. */
const COMPLAINT_RATE = 0.0075
/** Views not run during the build (see the top of this file). */
const SKIPPED_VIEWS = ['event_ids_mv', 'ticket_index_mv']
/** Tickets per INSERT: bounds the memory of one statement and shows progress. */
const TICKET_CHUNK = 2_000_000

/** u(k): the k-th uniform variate in [0, 1) of a row, from its number. */
const u = (k: number) => `(cityHash64(number, ${k}) / 18446744073709551616.0)`
/** A standard normal variate from two uniforms (Box–Muller). */
const normal = (a: number, b: number) => `(sqrt(-2 * log(1 - ${u(a)})) * cos(2 * pi() * ${u(b)}))`
/** One lifecycle event as a tuple of fixed types, so the array's elements share one type. */
const lifecycleEvent = (suffix: string, type: string, ms: string, actor: string, agent: string, csat: string, cny: string, team: string, present: string) =>
  `(${suffix}, ${type}, toInt64(${ms}), toString(${actor}), toString(${agent}), toUInt8(${csat}), toFloat64(${cny}), toString(${team}), toUInt8(${present}))`
/** Milliseconds to a DateTime64(3). */
const at = (msExpr: string) => `fromUnixTimestamp64Milli(toInt64(${msExpr}), 'UTC')`

/**
 * One row per ticket with its whole lifecycle as an array of (suffix, type, ts ms, actor, agent, csat,
 * compensation, to_team, present); ARRAY JOIN turns it into events, keeping those that happened by now.
 * Lifecycle events carry their ticket's creation time and zone in `ticket_created_at` and `ticket_zone`, as
 * the ingest writer stamps them (ingest/ticket-creation.ts).
 */
const TICKET_EVENTS_SQL = `
INSERT INTO events (event_id, type, ts, ticket_id, order_id, zone, agent_id, channel, category, priority, segment, actor, to_team, csat, compensation_cny, ticket_created_at, ticket_zone, text, words, words_key)
SELECT concat(ticket_id, ':', e.1), e.2, ${at('e.3')}, ticket_id,
       if(e.2 = 'ticket.created', order_id, ''),
       if(e.2 = 'ticket.created', zone, ''),
       e.5,
       if(e.2 = 'ticket.created', channel, ''),
       if(e.2 = 'ticket.created', category, ''),
       if(e.2 = 'ticket.created', priority, ''),
       if(e.2 = 'ticket.created', segment, ''),
       e.4, e.8, e.6, e.7, if(e.2 = 'ticket.created', ${at('0')}, ${at('created_ms')}), if(e.2 = 'ticket.created', '', zone),
       -- one of the category's masked simulator texts (complaintTexts below), by the ticket's number, and its
       -- keywords as ingest stores them; transform() looks each up in a hash table built once, where indexing
       -- the constant array would copy it per row
       if(e.2 = 'ticket.created', transform(text_index, range(length({texts:Array(String)})), {texts:Array(String)}, ''), ''),
       if(e.2 = 'ticket.created',
          arrayFilter(w -> w != '', splitByChar('\t', transform(text_index, range(length({texts:Array(String)})), {text_words:Array(String)}, ''))), []),
       if(e.2 = 'ticket.created', {words_key:String}, '')
FROM (
    SELECT *,
        -- ids as the simulator spells them (zone, business minute, a serial): they sort by zone, then time;
        -- {uuids} = 1 gives ids with no order at all, as random UUIDs would be
        if({uuids:UInt8}, toString(generateUUIDv4(number)),
           concat('T9-', zone, '-', formatDateTime(${at('created_ms')}, '%y%m%d%H%i', 'Asia/Shanghai'), '-', toString(number))) AS ticket_id,
        concat('O', substring(ticket_id, 2)) AS order_id,
        (indexOf({text_categories:Array(String)}, category) - 1) * {texts_per_category:UInt64} + number % {texts_per_category:UInt64} AS text_index,
        if(urgent, 'urgent', 'normal') AS priority,
        -- first response: bot within seconds, a person after a queue (longer at peaks and at night), public
        -- channels in hours, a few stuck for hours, a few never answered
        NOT urgent AND ${u(6)} < 0.003 AS never,
        ${u(7)} < if(urgent, 0, if(staffed, multiIf(channel = 'app', 0.5, channel = 'social', 0.55, 0), 0.7)) AS bot,
        if(staffed, 0, (if(hour >= 22, 32 - hour, 8 - hour) * ${HOUR}) - tod_ms % ${HOUR} - ${MINUTE} * 20 * log(1 - ${u(12)})) AS to_open_ms,
        multiIf(channel IN ('social', 'third_party') AND NOT urgent, if(channel = 'social', 3, 6) * ${HOUR} * exp(0.8 * ${normal(8, 9)}),
                ${u(10)} < 0.015, (2 + 10 * ${u(11)}) * ${HOUR},
                greatest(3, 14 * if(peak, 3, 1) * if(urgent, 0.4, 1) * exp(0.8 * ${normal(8, 9)})) * 1000) AS human_wait_ms,
        created_ms + if(bot, (2 + 18 * ${u(13)}) * 1000, to_open_ms + human_wait_ms) AS resp_ms,
        concat('agent-', region_code, '-', leftPad(toString(1 + toUInt32(${u(24)} * roster)), 3, '0')) AS agent,
        -- hand-overs
        bot AND category IN ('delay', 'fee', 'other') AND ${u(14)} < 0.55 AS bot_solved,
        resp_ms + if(bot AND NOT bot_solved, (1 + 4 * ${u(25)}) * ${MINUTE} + human_wait_ms, 0) AS handled_ms,
        if(NOT bot_solved AND ${u(15)} < if(category IN ('lost', 'damage', 'privacy'), 0.25, 0.12), if(${u(16)} < 0.6, 1, 2), 0) AS transfers,
        handled_ms + 6 * ${MINUTE} * exp(0.6 * ${normal(26, 27)}) AS transfer1_ms,
        transfer1_ms + 6 * ${MINUTE} * exp(0.6 * ${normal(28, 29)}) AS transfer2_ms,
        if(transfers = 2, transfer2_ms, if(transfers = 1, transfer1_ms, handled_ms)) AS worked_ms,
        NOT bot_solved AND ${u(17)} < if(urgent, 0.3, 0.04) AS escalated,
        worked_ms + 15 * ${MINUTE} * exp(0.7 * ${normal(30, 31)}) AS escalated_ms,
        -- resolution, a reopen and the second resolution; the payout goes with the final one
        NOT never AND ${u(18)} < if(escalated, 0.85, 0.93) AS resolved,
        if(bot_solved, resp_ms + (1 + 7 * ${u(32)}) * ${MINUTE},
           if(escalated, escalated_ms + 2 * ${HOUR} * exp(0.5 * ${normal(33, 34)}), worked_ms)
             + multiIf(channel = 'app', 17, channel = 'phone', 12, channel = 'social', 36 * 60, 12 * 60) * ${MINUTE} * exp(0.7 * ${normal(35, 36)})) AS resolved_ms,
        resolved AND ${u(21)} < 0.05 + if(transfers > 0, 0.03, 0) + if(category IN ('lost', 'damage'), 0.03, 0) AS reopened,
        resolved_ms + 5 * ${HOUR} * exp(0.8 * ${normal(37, 38)}) AS reopened_ms,
        reopened_ms + 2 * ${HOUR} * exp(0.7 * ${normal(39, 40)}) AS resolved2_ms,
        if(reopened, resolved2_ms, resolved_ms) AS final_ms,
        if(${u(19)} < multiIf(category = 'lost', 0.7, category = 'damage', 0.6, category IN ('fee', 'wrong_item'), 0.45, category = 'delay', 0.4, 0.15),
           if(bot_solved, 5, if(category IN ('lost', 'damage', 'privacy'), [10, 20, 50][1 + toUInt8(${u(20)} * 3)], [5, 5, 10][1 + toUInt8(${u(20)} * 3)])), 0) AS payout,
        -- rating (around 4.2, worse when slow, handed over, reopened or public) and the 24-hour call-back
        resolved AND ${u(22)} < 0.4 AS rated,
        toUInt8(least(5, greatest(1, round(4.6 - multiIf(resp_ms - created_ms > 180000, 1.1, resp_ms - created_ms > 60000, 0.4, 0)
              - 0.4 * transfers - if(reopened, 1, 0) - if(escalated, 0.3, 0) - if(channel = 'social', 0.5, 0) + 0.9 * ${normal(41, 42)})))) AS score,
        resolved AND ${u(23)} < 0.7 AS followed,
        arrayFilter(ev -> ev.9 AND ev.3 <= {now_ms:Int64}, [
            ${lifecycleEvent("'created'", "'ticket.created'", "created_ms", "''", "''", "0", "0", "''", "1")},
            ${lifecycleEvent("'responded'", "'ticket.responded'", "resp_ms", "if(bot, 'bot', 'human')", "if(bot, '', agent)", "0", "0", "''", "NOT never")},
            ${lifecycleEvent("'transferred:1'", "'ticket.transferred'", "transfer1_ms", "''", "agent", "0", "0", "'售后赔付组'", "NOT never AND transfers >= 1")},
            ${lifecycleEvent("'transferred:2'", "'ticket.transferred'", "transfer2_ms", "''", "agent", "0", "0", "'物流调度组'", "NOT never AND transfers = 2")},
            ${lifecycleEvent("'escalated'", "'ticket.escalated'", "escalated_ms", "''", "''", "0", "0", "''", "NOT never AND escalated")},
            ${lifecycleEvent("'resolved:1'", "'ticket.resolved'", "resolved_ms", "if(bot_solved, 'bot', 'human')", "if(bot_solved, '', agent)", "0", "if(reopened, 0, payout)", "''", "resolved")},
            ${lifecycleEvent("'reopened:1'", "'ticket.reopened'", "reopened_ms", "''", "''", "0", "0", "''", "reopened")},
            ${lifecycleEvent("'resolved:2'", "'ticket.resolved'", "resolved2_ms", "'human'", "agent", "0", "payout", "''", "reopened")},
            ${lifecycleEvent("'rated'", "'ticket.rated'", `final_ms + ${MINUTE} - 40 * ${MINUTE} * log(1 - ${u(43)})`, "''", "''", "score", "0", "''", "rated")},
            ${lifecycleEvent("'followed_up'", "'ticket.followed_up'", `final_ms + (1 + 22.5 * ${u(44)}) * ${HOUR}`, "''", "''", "0", "0", "''", "followed")}
        ]) AS lifecycle
    FROM (
        SELECT number,
            -- creation: a day (today only up to now), then an hour of it by the diurnal order curve
            ${u(1)} * {day_span:Float64} AS x,
            toUInt32(floor(x)) AS day_index,
            x - day_index AS q,
            arrayFirstIndex(c -> c > q, {hour_cum:Array(Float64)}) - 2 AS hour,
            (hour + (q - {hour_cum:Array(Float64)}[hour + 1]) / ({hour_cum:Array(Float64)}[hour + 2] - {hour_cum:Array(Float64)}[hour + 1])) * ${HOUR} AS tod_ms,
            {first_day_ms:Int64} + day_index * ${DAY} + toInt64(tod_ms) AS created_ms,
            hour >= 8 AND hour < 22 AS staffed,
            hour IN (11, 12, 17, 18, 19) AS peak,
            arrayFirstIndex(c -> c > ${u(2)}, {zone_cum:Array(Float64)}) AS zi,
            {zones:Array(String)}[zi] AS zone,
            {zone_region_codes:Array(String)}[zi] AS region_code,
            {zone_rosters:Array(UInt32)}[zi] AS roster,
            multiIf(${u(3)} < 0.8, 'regular', ${u(3)} < 0.88, 'elderly', ${u(3)} < 0.95, 'enterprise', 'vip') AS segment,
            multiIf(${u(4)} < 0.5, 'app', ${u(4)} < 0.8, 'phone', ${u(4)} < 0.95, 'social', 'third_party') AS channel,
            arrayElement(['delay', 'damage', 'attitude', 'lost', 'wrong_item', 'fee', 'privacy', 'other'],
                         arrayFirstIndex(c -> c > ${u(5)}, [0.34, 0.52, 0.67, 0.76, 0.85, 0.92, 0.96, 1.01])) AS category,
            ${u(45)} < if(category = 'privacy', 0.35, 0.035) AS urgent
        FROM numbers({first:UInt64}, {count:UInt64})
        WHERE created_ms < {now_ms:Int64}
    )
)
ARRAY JOIN lifecycle AS e`

/** orders.count of every zone-minute that has closed by now: the zone's daily orders on the diurnal curve, ±10 %. */
const ORDERS_SQL = `
INSERT INTO events (event_id, type, ts, zone, count)
SELECT concat('h9:orders:', zone, ':', toString(minute)), 'orders.count', ${at('minute_ms')}, zone,
       toUInt32(greatest(0, round(mean * (1 + 0.1 * ${normal(1, 2)}))))
FROM (
    SELECT number,
        intDiv(number, length({zones:Array(String)})) AS minute,
        {zones:Array(String)}[number % length({zones:Array(String)}) + 1] AS zone,
        {first_day_ms:Int64} + minute * ${MINUTE} AS minute_ms,
        {zone_orders_per_day:Array(Float64)}[number % length({zones:Array(String)}) + 1]
          * {hour_share:Array(Float64)}[intDiv(minute % 1440, 60) + 1] / 60 AS mean
    FROM numbers({count:UInt64})
)
WHERE minute_ms + ${MINUTE} <= {now_ms:Int64}`

/** agent.status online/offline of every agent on each of its working days (two rest days a week, 3 % absent). */
const AGENTS_SQL = `
INSERT INTO events (event_id, type, ts, agent_id, status, region)
SELECT concat('h9:agent:', agent, ':', toString(day_index), ':', e.1), 'agent.status', ${at('e.2')}, agent, e.1, region
FROM (
    SELECT number,
        number % length({agents:Array(String)}) + 1 AS ai,
        intDiv(number, length({agents:Array(String)})) AS day_index,
        {agents:Array(String)}[ai] AS agent,
        {agent_regions:Array(String)}[ai] AS region,
        {first_day_ms:Int64} + day_index * ${DAY} AS day_ms,
        toDayOfWeek(toDate(fromUnixTimestamp64Milli(toInt64(day_ms + 8 * ${HOUR}), 'UTC'))) AS weekday,
        {agent_rest:Array(UInt8)}[ai] AS rest,
        [('online', day_ms + {agent_start:Array(UInt8)}[ai] * ${HOUR} - 10 * ${MINUTE} * ${u(1)}),
         ('offline', day_ms + {agent_end:Array(UInt8)}[ai] * ${HOUR} + 15 * ${MINUTE} * ${u(2)})] AS shift
    FROM numbers({count:UInt64})
    WHERE weekday != rest AND weekday != rest % 7 + 1 AND ${u(3)} >= 0.03
)
ARRAY JOIN shift AS e
WHERE e.2 <= {now_ms:Int64}`

/** The sizes of the simulated platform: per zone its share of tickets and its orders a day; the agents. */
interface Sizing {
  firstDayMs: number
  /** Share of each business hour in a day's volume, and of today's volume already past at `now`. */
  hourShare: number[]
  todayShare: number
  zones: string[]
  zoneTicketShare: number[]
  zoneOrdersPerDay: number[]
  zoneRegionCodes: string[]
  zoneRosters: number[]
  roster: Agent[]
}

function size(plan: HistoryPlan): Sizing {
  const today = businessDay(plan.now)
  const hourShare = hourlyShare(today)
  const todayShare = shareElapsed(hourShare, plan.now)
  // Tickets per ordinary day, so today so far gets its share of the day like any other day.
  const ticketsPerDay = plan.tickets / (plan.days + todayShare)
  const world = buildWorld({ zones: plan.zones, seed: 9, rate: 1, now: plan.now })
  const weight = world.zones.map((z) => z.dailyOrders * z.complaintFactor)
  const total = weight.reduce((a, b) => a + b, 0)
  // Orders follow from tickets at the zone's complaint rate (≈ 0.75 % × its propensity).
  const ordersPerDay = world.zones.map((z, i) => (ticketsPerDay * (weight[i] as number)) / total / (COMPLAINT_RATE * z.complaintFactor))
  const regionOrders = new Map<string, number>()
  world.zones.forEach((z, i) => regionOrders.set(z.region, (regionOrders.get(z.region) ?? 0) + (ordersPerDay[i] as number)))
  const roster = buildRoster(planStaffing(regionOrders), 9)
  const rosterSize = (region: string) => roster.filter((a) => a.region === region).length
  const code = (region: string) => roster.find((a) => a.region === region)?.id.split('-')[1] ?? 'xx'
  return {
    firstDayMs: dayStart(today - plan.days),
    hourShare,
    todayShare,
    zones: world.zones.map((z) => z.id),
    zoneTicketShare: weight.map((w) => w / total),
    zoneOrdersPerDay: ordersPerDay,
    zoneRegionCodes: world.zones.map((z) => code(z.region)),
    zoneRosters: world.zones.map((z) => Math.max(1, rosterSize(z.region))),
    roster,
  }
}

/** Distinct texts per category: about as many as the simulator's templates, numbers and items give. */
const TEXTS_PER_CATEGORY = 2_500

/**
 * Complaint texts as ingest stores them (the simulator's, personal data masked) with their keywords, for the
 * keyword reads: TEXTS_PER_CATEGORY of each category, in the order of `text_categories`; a ticket takes one
 * of its category's by its number.
 */
function complaintTexts() {
  const rng = new Rng(hashString('bench-texts'))
  const texts = CATEGORIES.flatMap((category) =>
    Array.from({ length: TEXTS_PER_CATEGORY }, () => maskPersonalData(complaintText(rng, { category, service: rng.pick(SERVICES), segment: rng.pick(SEGMENTS) }).text)),
  )
  // each text's keywords, tab-separated (keywords never hold a tab)
  const text_words = texts.map((t) => [...keywordsOf(t)].join('\t'))
  return { texts, text_words, words_key: KEYWORDS_KEY, text_categories: CATEGORIES, texts_per_category: TEXTS_PER_CATEGORY }
}

/** Builds the history; `progress` is told about each step as it starts. */
export async function buildHistory(client: ClickHouseClient, plan: HistoryPlan, progress: (msg: string) => void): Promise<HistoryStats> {
  const z = size(plan)
  const common = { first_day_ms: z.firstDayMs, now_ms: plan.now, zones: z.zones }
  const steps: HistoryStats['steps'] = []
  const step = async (name: string, query: string, params: Record<string, unknown>) => {
    progress(name)
    const start = performance.now()
    await client.command({ query, query_params: { ...common, ...params } })
    steps.push({ name, ms: performance.now() - start })
  }
  const skipped = (await materializedViews(client)).filter((v) => SKIPPED_VIEWS.includes(v))
  for (const v of skipped) await client.command({ query: `DETACH TABLE ${v}` })
  const ticketParams = {
    ...complaintTexts(),
    uuids: plan.uuids ? 1 : 0,
    day_span: plan.days + z.todayShare,
    hour_cum: cumulative(z.hourShare, true),
    zone_cum: cumulative(z.zoneTicketShare, false),
    zone_region_codes: z.zoneRegionCodes,
    zone_rosters: z.zoneRosters,
  }
  for (let first = 0; first < plan.tickets; first += TICKET_CHUNK) {
    const count = Math.min(TICKET_CHUNK, plan.tickets - first)
    await step(`tickets ${fmt(first)}–${fmt(first + count)}`, TICKET_EVENTS_SQL, { ...ticketParams, first, count })
  }
  const zoneMinutes = (plan.days + 1) * 1440 * z.zones.length
  await step(`orders.count, ${fmt(zoneMinutes)} zone-minutes`, ORDERS_SQL, { count: zoneMinutes, zone_orders_per_day: z.zoneOrdersPerDay, hour_share: z.hourShare })
  const r = z.roster
  await step(`agent.status, ${fmt(r.length)} agents`, AGENTS_SQL, {
    count: r.length * (plan.days + 1),
    agents: r.map((a) => a.id),
    agent_regions: r.map((a) => a.region),
    agent_rest: r.map((a) => a.restWeekday),
    agent_start: r.map((a) => a.shift.start),
    agent_end: r.map((a) => a.shift.end),
  })
  for (const v of skipped) await client.command({ query: `ATTACH TABLE ${v}` })
  const rs = await client.query({ query: "SELECT count() AS events, countIf(type = 'ticket.created') AS tickets FROM events", format: 'JSONEachRow' })
  const [counts] = await rs.json<{ events: number; tickets: number }>()
  return {
    steps,
    events: Number(counts?.events ?? 0),
    tickets: Number(counts?.tickets ?? 0),
    ordersPerDay: z.zoneOrdersPerDay.reduce((a, b) => a + b, 0),
    agents: r.length,
  }
}

/** The schema's materialized views, by name. */
async function materializedViews(client: ClickHouseClient): Promise<string[]> {
  const rs = await client.query({
    query: "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView'",
    format: 'JSONEachRow',
  })
  return (await rs.json<{ name: string }>()).map((r) => r.name)
}

/** Share of a day's orders in each business hour (sums to 1), from the simulator's demand curve. */
function hourlyShare(day: number): number[] {
  const perHour = Array.from({ length: 24 }, (_, h) => expectedOrdersPerMinute(1, dayStart(day) + h * HOUR))
  const sum = perHour.reduce((a, b) => a + b, 0)
  return perHour.map((v) => v / sum)
}

/** Share of the day's volume that lies before `now`. */
function shareElapsed(share: number[], now: number): number {
  const hour = businessHour(now)
  const whole = Math.floor(hour)
  return share.slice(0, whole).reduce((a, b) => a + b, 0) + (share[whole] ?? 0) * (hour - whole)
}

/** Running sums; with `leadingZero` the array starts at 0 (25 entries for 24 hours). Last entry nudged past 1. */
function cumulative(values: number[], leadingZero: boolean): number[] {
  const out: number[] = leadingZero ? [0] : []
  let acc = 0
  for (const v of values) out.push((acc += v))
  out[out.length - 1] = 1.000001
  return out
}

function fmt(n: number): string {
  return n.toLocaleString('en-US')
}
