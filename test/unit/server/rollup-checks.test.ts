// Which stored rollups a read may skip checking (server/src/kpi/rollup-checks.ts): only those checked
// after every write that could have changed them, including a write that lands while the check runs.
import { expect, it } from 'vitest'
import type { EventRow } from '../../../ingest/events.ts'
import { RollupChecks } from '../../../server/src/kpi/rollup-checks.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const h0 = Date.UTC(2026, 11, 1, 6)
const hours = [h0, h0 + HOUR, h0 + 2 * HOUR]

const row = (r: Partial<EventRow>) => ({ ticket_created_at: 0, ...r }) as EventRow
const nothingToCheck = { unknown: [], written: [] }

it('skips hours checked since their last write, for the settings key they were checked with', () => {
  const checks = new RollupChecks()
  expect(checks.hoursToCheck('k', hours)).toEqual({ unknown: hours, written: [] })
  checks.hoursChecked('k', hours, checks.begin())
  expect(checks.hoursToCheck('k', hours)).toEqual(nothingToCheck)
  expect(checks.hoursToCheck('other', hours)).toEqual({ unknown: hours, written: [] })
  // an order event and a ticket event of another hour touch none of them
  checks.onWrite([row({ type: 'order.created', ts: h0 + 60_000 }), row({ type: 'ticket.created', ts: h0 + 5 * HOUR })])
  expect(checks.hoursToCheck('k', hours)).toEqual(nothingToCheck)
})

it('names as written an hour a late event of one of its tickets touched, by the ticket creation it carries', () => {
  const checks = new RollupChecks()
  checks.hoursChecked('k', hours, checks.begin())
  checks.onWrite([row({ type: 'ticket.rated', ts: h0 + 30 * HOUR, ticket_created_at: h0 + HOUR + 1 })])
  expect(checks.hoursToCheck('k', hours)).toEqual({ unknown: [], written: [h0 + HOUR] })
  checks.hoursChecked('k', [h0 + HOUR], checks.begin())
  expect(checks.hoursToCheck('k', hours)).toEqual(nothingToCheck)
})

it('does not trust a check that a write overtook, whether the hour was tracked before or not', () => {
  const checks = new RollupChecks()
  checks.hoursChecked('k', [h0], checks.begin())
  const began = checks.begin()
  checks.onWrite([row({ type: 'ticket.created', ts: h0 + 1 })])
  checks.hoursChecked('k', hours, began)
  // the write may have touched the hours untracked until then too
  expect(checks.hoursToCheck('k', hours)).toEqual({ unknown: [], written: hours })
  // the next check, with no write during it, holds
  checks.hoursChecked('k', hours, checks.begin())
  expect(checks.hoursToCheck('k', hours)).toEqual(nothingToCheck)
})

it('checks again the agent snapshot of every day after a late agent.status', () => {
  const checks = new RollupChecks()
  const day = Date.UTC(2026, 11, 1)
  checks.dayChecked(day, checks.begin())
  checks.dayChecked(day + DAY, checks.begin())
  // on the first day: it comes after the first snapshot's events, before the second's
  checks.onWrite([row({ type: 'agent.status', ts: day + HOUR })])
  expect(checks.dayCurrent(day)).toBe(true)
  expect(checks.dayCurrent(day + DAY)).toBe(false)
})
