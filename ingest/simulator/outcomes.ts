// How a ticket ends for the customer: what they are paid and how they rate the service.

import type { Actor, Category, Channel } from '../events.ts'
import type { Rng } from './random.ts'

/**
 * Share of resolutions that pay out, and the usual amounts in CNY. Seed 000: a first-line agent may pay at
 * most 50元 (超额需3级审批), so larger sums only follow an escalation; the 5元 coupon is the 3-minute
 * promise's standard make-good (超时自动补偿5元优惠券).
 */
const COMPENSATION: Record<Category, { share: number; amounts: readonly number[] }> = {
  delay: { share: 0.4, amounts: [5, 5, 10] },
  damage: { share: 0.6, amounts: [10, 20, 50] },
  lost: { share: 0.7, amounts: [20, 50] },
  wrong_item: { share: 0.45, amounts: [5, 10, 20] },
  fee: { share: 0.5, amounts: [5, 10] },
  attitude: { share: 0.2, amounts: [5, 10] },
  privacy: { share: 0.15, amounts: [20, 50] },
  other: { share: 0.05, amounts: [5] },
}
/** An approved escalation multiplies the first-line cap (seed 000 compares 美团跑腿's 200元 authority). */
const ESCALATED_MULTIPLIER = 4

export function compensation(rng: Rng, category: Category, h: { escalated: boolean }, by: Actor): number | undefined {
  const rule = COMPENSATION[category]
  if (!rng.chance(rule.share)) return undefined
  if (by === 'bot') return 5
  const cny = rng.pick(rule.amounts)
  return h.escalated && cny >= 50 && rng.chance(0.5) ? cny * ESCALATED_MULTIPLIER : cny
}

export interface Experience {
  channel: Channel
  firstResponseMs: number
  transfers: number
  escalated: boolean
  reopened: boolean
}

/**
 * CSAT 1–5 around the industry's 4.2 (seed 001), worse the slower the first answer, the more hand-overs and
 * after a reopen; public social posts rate worst (seed 000: 社交媒体留言差评率68%).
 */
export function csat(rng: Rng, x: Experience): number {
  let score = 4.6
  if (x.firstResponseMs > 180_000) score -= 1.1
  else if (x.firstResponseMs > 60_000) score -= 0.4
  score -= 0.4 * Math.min(x.transfers, 2)
  if (x.reopened) score -= 1
  if (x.escalated) score -= 0.3
  if (x.channel === 'social') score -= 0.5
  return Math.min(5, Math.max(1, Math.round(score + 0.9 * rng.normal())))
}
