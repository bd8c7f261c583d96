// What the executive view loads (issue 4): twelve business weeks of KPIs, then for the report's week
// (the newest complete one) its ticket categories against the week before and its keywords, whose change
// is against the week before as well (the API compares with the previous window of equal length).
import type { Translate } from '../lib/alerts.ts'
import { api } from '../lib/api.ts'
import type { Keyword, KeywordsBody, KpisBody, ScopeJson } from '../lib/types.ts'
import { focusWeek, weekBefore, WEEKS, type WeekRow } from './trends.ts'

export interface WeeklyData {
  weeks: WeekRow[]
  focus: WeekRow | undefined
  scope: ScopeJson | undefined
  current: KpisBody<'category'> | undefined
  previous: KpisBody<'category'> | undefined
  keywords: KeywordsBody | undefined
}

/** Words asked for: enough that the ones that rose most are among them, not only the most frequent. */
const KEYWORD_POOL = 200
/** Rising words shown. */
export const RISING_SHOWN = 10

export async function loadWeekly(): Promise<WeeklyData> {
  const { weeks } = await api.weekly<WeekRow>({ weeks: WEEKS })
  const focus = focusWeek(weeks)
  const before = focus && weekBefore(weeks, focus)
  const [current, previous, keywords] = await Promise.all([
    // the category bars are the only breakdown the view shows
    focus && api.kpis(focus.window, ['category']),
    before && api.kpis(before.window, ['category']),
    focus && api.keywords({ ...focus.window, limit: KEYWORD_POOL }),
  ])
  return { weeks, focus, scope: current?.scope, current, previous, keywords }
}

/** Words mentioned more than in the week before, the biggest rise first (ties: the more frequent first). */
export function risingWords(body: KeywordsBody | undefined, n = RISING_SHOWN): Keyword[] {
  return (body?.keywords ?? [])
    .filter((k) => k.change > 0)
    .sort((a, b) => b.change - a.change || b.count - a.count || (a.word < b.word ? -1 : 1))
    .slice(0, n)
}

/** Who the report is about: the platform, a regional lead's regions, or one place. */
export function scopeLabel(scope: ScopeJson | undefined, t: Translate): string {
  if (!scope || scope.level === 'platform') return t('scope.platform')
  if (scope.level === 'regions') return (scope.regions ?? []).join('、')
  return scope.name ?? scope.city ?? scope.region ?? ''
}
