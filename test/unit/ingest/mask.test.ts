// Personal data never survives masking (SPEC §4.2), over generated phone numbers, ID numbers and e-mail
// addresses embedded in Chinese complaint text.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskPersonalData } from '../../../ingest/mask.ts'

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))
const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([a, b]) => a + b)
const spelled = fc.tuple(mobile, fc.constantFrom('', '+86 ', '86-', '0086'), fc.constantFrom('', ' ', '-')).map(([m, prefix, sep]) => ({
  raw: m,
  text: `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`,
}))
const idCard = fc.tuple(digits(17), fc.constantFrom('0', '5', '9', 'X', 'x')).map(([a, b]) => a + b)
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._]{1,10}$/), fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('com', 'cn', 'com.cn', 'net')).map(([u, d, tld]) => `${u}@${d}.${tld}`)
const filler = fc.constantFrom('配送员迟到了', '我的电话', '请联系', '客服态度差', '，', '。', ' ')

describe('maskPersonalData', () => {
  it('leaves no mobile number readable, however it is spelled, and keeps its first 3 and last 4 digits', () => {
    fc.assert(
      fc.property(spelled, filler, filler, ({ raw, text }, a, b) => {
        const masked = maskPersonalData(`${a}${text}${b}`)
        expect(masked.replace(/[\s-]/g, '')).not.toContain(raw)
        expect(masked).toContain(`${raw.slice(0, 3)}****${raw.slice(7)}`)
      }),
      { numRuns: 2000 },
    )
  })

  it('masks the birth date and serial of every ID number', () => {
    fc.assert(
      fc.property(idCard, filler, (id, a) => {
        const masked = maskPersonalData(`${a}身份证${id}${a}`)
        expect(masked).not.toContain(id)
        expect(masked).not.toContain(id.slice(6, 14))
      }),
      { numRuns: 2000 },
    )
  })

  it('masks every e-mail address but its first letter and domain', () => {
    fc.assert(
      fc.property(email, filler, (addr, a) => {
        const masked = maskPersonalData(`${a}${addr}${a}`)
        expect(masked).not.toContain(addr)
        expect(masked).toContain(`${addr[0]}***@${addr.split('@')[1]}`)
      }),
      { numRuns: 2000 },
    )
  })

  it('leaves ordinary complaint text and short numbers alone', () => {
    for (const s of ['配送超时40分钟，赔偿5元', '订单金额 128.50 元', '等了 30 分钟'] as const) expect(maskPersonalData(s)).toBe(s)
  })
})
