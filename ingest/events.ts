// The wire format of ingested events (SPEC §4.2): enums as const arrays with derived types, shared by
// the validator, the simulator, the server and the dashboard.

export const EVENT_TYPES = [
  'order.created',
  'orders.count',
  'ticket.created',
  'ticket.responded',
  'ticket.transferred',
  'ticket.escalated',
  'ticket.resolved',
  'ticket.reopened',
  'ticket.rated',
  'ticket.followed_up',
  'agent.status',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const SERVICES = ['fresh', 'medicine', 'parcel', 'food', 'shopping', 'other'] as const
export const CHANNELS = ['app', 'phone', 'social', 'third_party'] as const
export const CATEGORIES = ['delay', 'damage', 'lost', 'wrong_item', 'attitude', 'privacy', 'fee', 'other'] as const
export const PRIORITIES = ['urgent', 'normal'] as const
export const SEGMENTS = ['regular', 'elderly', 'enterprise', 'vip'] as const
export const ACTORS = ['bot', 'human'] as const
export const AGENT_STATUSES = ['online', 'offline'] as const

export type Service = (typeof SERVICES)[number]
export type Channel = (typeof CHANNELS)[number]
export type Category = (typeof CATEGORIES)[number]
export type Priority = (typeof PRIORITIES)[number]
export type Segment = (typeof SEGMENTS)[number]
export type Actor = (typeof ACTORS)[number]
export type AgentStatus = (typeof AGENT_STATUSES)[number]

/** An event as a client sends it (after validation). `ts` is RFC 3339 with offset or epoch milliseconds. */
export type IncomingEvent =
  | { event_id: string; type: 'order.created'; ts: string | number; order_id: string; zone: string; service?: Service }
  | { event_id: string; type: 'orders.count'; ts: string | number; zone: string; count: number }
  | {
      event_id: string
      type: 'ticket.created'
      ts: string | number
      ticket_id: string
      zone: string
      channel: Channel
      category: Category
      priority?: Priority
      segment?: Segment
      order_id?: string
      text?: string
    }
  | { event_id: string; type: 'ticket.responded'; ts: string | number; ticket_id: string; responder: Actor; agent_id?: string }
  | { event_id: string; type: 'ticket.transferred'; ts: string | number; ticket_id: string; agent_id?: string; to_team?: string }
  | { event_id: string; type: 'ticket.escalated'; ts: string | number; ticket_id: string; reason?: string }
  | {
      event_id: string
      type: 'ticket.resolved'
      ts: string | number
      ticket_id: string
      resolved_by: Actor
      agent_id?: string
      compensation_cny?: number
    }
  | { event_id: string; type: 'ticket.reopened'; ts: string | number; ticket_id: string }
  | { event_id: string; type: 'ticket.rated'; ts: string | number; ticket_id: string; csat: number }
  | { event_id: string; type: 'ticket.followed_up'; ts: string | number; ticket_id: string }
  | { event_id: string; type: 'agent.status'; ts: string | number; agent_id: string; status: AgentStatus; region?: string }

/**
 * One row of the `events` table (sql/migrations/0002_events.sql): every event type in one wide row, absent
 * fields as empty strings or zeros so ClickHouse columns stay non-Nullable.
 */
export interface EventRow {
  event_id: string
  type: EventType
  /** epoch milliseconds */
  ts: number
  ticket_id: string
  order_id: string
  zone: string
  agent_id: string
  channel: string
  category: string
  priority: string
  segment: string
  service: string
  actor: string
  status: string
  region: string
  to_team: string
  count: number
  csat: number
  compensation_cny: number
  text: string
  /** ticket.created: the keywords of `text` (ingest/keywords/segment.ts); [] otherwise. */
  words: string[]
  /** ticket.created: the KEYWORDS_KEY `words` were found with; '' otherwise. */
  words_key: string
  /** For lifecycle events: when the ticket was created (epoch ms), 0 while unknown; set by the writer. */
  ticket_created_at: number
  /** For lifecycle events: the ticket's zone, '' while unknown; set by the writer. */
  ticket_zone: string
}
