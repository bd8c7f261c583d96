// Every word the dashboard shows, in one table: zh-CN first (the default), then en. Components read words
// through the `t` store ($t('kpi.tickets')), so switching the locale re-renders them; the choice is kept in
// localStorage, which a wall display keeps across restarts. `{name}` in a message is filled from params.
import { derived, writable } from 'svelte/store'
import { MESSAGES, type MessageKey } from './messages.ts'

export type { MessageKey }
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

const STORAGE_KEY = 'radar.locale'

export type Params = Record<string, string | number>

/** The message in a locale with its `{name}` placeholders filled; an unknown placeholder stays visible. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The saved locale, or the default; storage can be missing (tests) or throw (locked-down browsers). */
function savedLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(saved) ? saved : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const locale = writable<Locale>(savedLocale())

locale.subscribe((l) => {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, l)
  } catch {
    // Not saved: the wall falls back to the default locale after a restart, which is acceptable.
  }
})

/** The other locale, for a one-button switch. */
export function otherLocale(l: Locale): Locale {
  return l === 'zh-CN' ? 'en' : 'zh-CN'
}

export const t = derived(locale, (l) => (key: MessageKey, params?: Params) => translate(l, key, params))
