// The one table of words (dashboard/src/lib/messages.ts) and its lookup.
import { get } from 'svelte/store'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_LOCALE, isLocale, locale, LOCALES, otherLocale, t, translate } from '../../../dashboard/src/lib/i18n.ts'
import { KPI_NAMES } from '../../../dashboard/src/lib/kpis.ts'
import { MESSAGES, type MessageKey } from '../../../dashboard/src/lib/messages.ts'
import { CHANNELS, RISKS } from '../../../dashboard/src/lib/types.ts'
import { ALERT_RULES, SEVERITIES } from '../../../server/src/alerts/types.ts'

describe('i18n', () => {
  it('has every message in both locales, zh-CN first, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      expect(Object.keys(entry), key).toEqual(['zh-CN', 'en'])
      for (const l of LOCALES) expect(entry[l].trim(), `${key} ${l}`).not.toBe('')
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(names(entry.en), key).toEqual(names(entry['zh-CN']))
    }
  })

  it('names every KPI, channel, risk level, severity and alert rule the API can send', () => {
    const keys = [
      ...KPI_NAMES.map((k) => `kpi.${k}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...RISKS.map((r) => `risk.${r}`),
      ...SEVERITIES.map((s) => `severity.${s}`),
      ...ALERT_RULES.flatMap((r) => [`rule.${r}`, `alert.detail.${r}`]),
    ]
    for (const k of keys) expect(MESSAGES, k).toHaveProperty([k])
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh-CN', 'live.stale', { time: '15:50:17' })).toBe('数据已停止更新，最后更新于 15:50:17')
    expect(translate('en', 'live.stale', { time: '15:50:17' })).toBe('Stale since 15:50:17')
    expect(translate('en', 'live.stale')).toBe('Stale since {time}')
  })

  it('starts in zh-CN and switches the t store with the locale', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
    expect(get(locale)).toBe('zh-CN')
    expect(get(t)('kpi.instant_response_rate')).toBe('即时响应率')
    locale.set(otherLocale(get(locale)))
    expect(get(t)('kpi.instant_response_rate' as MessageKey)).toBe('Instant response rate')
    locale.set('zh-CN')
    expect(isLocale('en')).toBe(true)
    expect(isLocale('fr')).toBe(false)
  })

  it('remembers the chosen locale in localStorage across page loads', async () => {
    const saved = new Map<string, string>([['radar.locale', 'en']])
    vi.stubGlobal('localStorage', { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => saved.set(k, v) })
    try {
      vi.resetModules()
      const fresh = await import('../../../dashboard/src/lib/i18n.ts')
      expect(get(fresh.locale)).toBe('en')
      fresh.locale.set('zh-CN')
      expect(saved.get('radar.locale')).toBe('zh-CN')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
