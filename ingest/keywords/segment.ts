// Complaint keywords of one masked text (SPEC §7 /keywords): segmented with jieba (@node-rs/jieba, its
// standard dictionary plus the domain dictionary beside this file), then filtered so that a keyword is never
// a stop word, a single character, a number, punctuation or a fragment of masked personal data. Ingest
// stores each new ticket's keywords with it (ingest/validate.ts), named by KEYWORDS_KEY; the server segments
// only the texts of tickets stored under another key (server/src/keywords/keywords.ts).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'

function wordList(file: string): string[] {
  return readFileSync(join(import.meta.dirname, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
}

export const DOMAIN_WORDS: ReadonlySet<string> = new Set(wordList('domain-words.txt'))
export const STOP_WORDS: ReadonlySet<string> = new Set(wordList('stop-words.txt'))

/** Raise when the rules below change what keywordsOf returns for a text (the dictionaries are hashed anyway). */
const RULES_VERSION = 2

/**
 * A text's keywords are taken from its first this many characters. Complaints run to a few dozen, and
 * segmenting costs about 0.35 µs a character on the ingest thread: a body at the size limit full of
 * 10,000-character texts would otherwise hold it for seconds.
 */
export const SEGMENTED_CHARS = 1_000

/**
 * Names what keywordsOf returns: the rules' version, jieba's standard dictionary and both word lists. A
 * ticket's stored keywords count only under the key they were stored with; after a change the older
 * tickets' texts are segmented at read.
 */
export const KEYWORDS_KEY = createHash('sha256')
  .update(JSON.stringify([RULES_VERSION, [...DOMAIN_WORDS], [...STOP_WORDS]]))
  .update(dict)
  .digest('hex')
  .slice(0, 16)

// A frequency far above ordinary words' (jieba's dictionary tops out near 10^6 for 的, ~10^4 for common
// nouns), so a domain phrase such as 包装破损 wins over its parts 包装 + 破损.
const DOMAIN_FREQUENCY = 200_000

let jieba: Jieba | undefined

/** Built on first use: loading the standard dictionary takes a noticeable fraction of a second. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict)
    jieba.loadDict(Buffer.from([...DOMAIN_WORDS].map((w) => `${w} ${DOMAIN_FREQUENCY}`).join('\n')))
  }
  return jieba
}

// Masked personal data as ingest/mask.ts writes it (138****5678, 021-****5678, z***@qq.com,
// 1101**********123X) or a bare ***, with the unmasked digits and letters that stick to it.
const MASKED = /[\w.%+@-]*\*+[\w.%+@-]*/g
const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u

/** The distinct keywords of a text. HMM guessing of words outside the dictionaries is off: it glues
 * neighbouring characters into non-words (迟到了 → 到了) more often than it finds a real new word. */
export function keywordsOf(text: string): Set<string> {
  const words = new Set<string>()
  for (const token of segmenter().cut(text.slice(0, SEGMENTED_CHARS).toWellFormed().replace(MASKED, ' '), false)) {
    if (isKeyword(token)) words.add(token)
  }
  return words
}

export function isKeyword(word: string): boolean {
  if (STOP_WORDS.has(word)) return false
  // Domain entries are words even when written in digits (12315, the consumer-complaint hotline).
  if (DOMAIN_WORDS.has(word)) return true
  return [...word].length >= 2 && LETTERS_ONLY.test(word)
}
