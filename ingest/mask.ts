// Masks personal data in free text before it is stored, logged or shown (SPEC §4.2): mainland mobile
// numbers (138****5678), landlines, resident ID numbers and e-mail addresses. Digits are matched only at
// digit boundaries, and 18-digit ID numbers are masked before phone numbers, so a mobile number is never
// found inside one; a prefixed mobile (0086 138…, 15 digits) is masked as a phone before the older
// 15-digit ID form gets a chance to claim it.

// 18-digit resident ID (last character may be X) and the older 15-digit form.
const ID_CARD_18 = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
const ID_CARD_15 = /(?<!\d)(\d{4})\d{8}(\d{3})(?!\d)/g
// +86 / 0086 / 86 prefixes and space or hyphen separators as people type them: 138 1234 5678, 138-1234-5678.
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g
const LANDLINE = /(?<!\d)(0\d{2,3})[\s-]?\d{3,4}(\d{4})(?!\d)/g
const EMAIL = /([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, '$1***@$2')
    .replace(ID_CARD_18, '$1**********$2')
    .replace(MOBILE, '$1****$2')
    .replace(ID_CARD_15, '$1********$2')
    .replace(LANDLINE, '$1-****$2')
}
