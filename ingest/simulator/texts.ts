// Complaint texts in Chinese, assembled from the phrasing users actually write in the seed documents
// (配送员迟到、生鲜包装破损、客服态度不耐烦、反复转接…). Some carry personal data so the ingest's masking
// has something to mask, and about 2% threaten escalation so the escalation_risk rule has something to find.

import type { Category, Segment, Service } from '../events.ts'
import type { Rng } from './random.ts'

/** What a customer calls the thing they ordered, by service. */
const ITEMS: Record<Service, readonly string[]> = {
  food: ['外卖', '午饭', '奶茶', '披萨'],
  fresh: ['生鲜', '水果', '蔬菜', '牛奶'],
  medicine: ['药品', '降压药', '退烧药'],
  parcel: ['快递', '文件', '包裹'],
  shopping: ['代购的化妆品', '代买的日用品', '衣服'],
  other: ['东西', '物品'],
}
/** What broke, by service (seed 002: 生鲜包装破损、蛋糕配送破损、化妆品破损…). */
const DAMAGE: Record<Service, readonly string[]> = {
  food: ['外卖包装破损,汤汁洒了一袋子', '蛋糕配送破损,生日用的'],
  fresh: ['生鲜包装破损,水果全压烂了', '水果冻坏了'],
  medicine: ['药盒被压扁了,药瓶也裂了'],
  parcel: ['快递箱都压扁了,里面的东西摔坏了'],
  shopping: ['化妆品破损,瓶子都碎了'],
  other: ['外包装破损,东西摔坏了'],
}
/** What the lateness cost, by service. */
const DELAY_COST: Record<Service, string> = {
  food: '饭菜都凉了',
  fresh: '食材都变质了',
  medicine: '老人等着吃药',
  parcel: '急用的文件耽误了',
  shopping: '东西急着用',
  other: '耽误了事情',
}

/** `{item}`, `{damage}`, `{cost}`, `{min}` (minutes), `{n}` (a count) and `{yuan}` are filled in per ticket. */
const TEMPLATES: Record<Category, readonly string[]> = {
  delay: [
    '配送员迟到了{min}分钟,{item}到现在还没送到',
    '说好30分钟送达,已经超时{min}分钟了,物流信息长时间未更新',
    '{item}配送超时,打配送员电话也不接',
    '下单{min}分钟了还没人接单,{item}急用',
    '承诺次日达,结果今天还没到,耽误了我的事',
    '配送超时{min}分钟,{cost}',
  ],
  damage: [
    '{damage}',
    '{item}包装破损,送到的时候已经压坏了',
    '配送员野蛮装卸,{damage}',
    '{item}被扔在小区门口,拿到时已经摔坏了',
    '{damage},包装一点都不严密',
  ],
  lost: [
    '订单显示已送达,但我根本没收到{item}',
    '漏送了{n}盒牛奶,联系客服说要核实',
    '代取的{item}不见了,配送员说放门口了',
    '{item}丢了,问了{n}天还没结果',
  ],
  wrong_item: [
    '让帮买的{item}买错了,品牌和规格都不对',
    '收到的商品和描述不符,标注100%纯棉,面料明显不是',
    '送错地址了,{item}送到了隔壁小区',
    '{item}少了{n}份,和订单对不上',
  ],
  attitude: [
    '客服态度不耐烦,质问我是不是操作失误',
    '客服直接说“系统问题我们也没办法”',
    '反复转接3个部门仍未解决,一直踢皮球',
    '排队{min}分钟才接入人工,智能客服一直循环应答',
    '配送员态度很差,说话很冲',
    '客服全是模板化回复,问题重复描述了好几遍',
  ],
  fee: [
    '运费计算不对,多扣了{yuan}元配送费',
    '退款说7-15个工作日到账,现在还没到',
    '说好超时补偿5元优惠券,一直没收到',
    '优惠券使用规则太复杂,下单没抵扣',
    '取消订单还被扣了{yuan}元',
  ],
  privacy: [
    '我的电话号码被泄露了,天天接到骚扰电话',
    '配送员私自拍摄我的订单内容',
    '家庭住址被泄露给第三方了',
    '配送员下单后一直加我微信骚扰',
  ],
  other: [
    '发票催开好几次了还没开',
    '合同补寄说了两周还没寄',
    'APP页面崩溃,下不了单也找不到投诉入口',
    '电话客服方言听不懂,背景音很嘈杂',
    '夜里只有机器人应答,找不到人工',
  ],
}

const DEMANDS = ['请尽快处理', '要求退款', '希望给个说法', '要求赔偿', '请核实后回电', '']
const SEGMENT_OPENERS: Partial<Record<Segment, string>> = {
  elderly: '我年纪大了不会用APP,',
  enterprise: '我们公司的订单,',
  vip: '我是会员,',
}
/** The SPEC §6 escalation keywords (消协, 12315, 曝光, 媒体, 律师, 起诉, 报警) in the way people say them. */
const THREATS = [
  '再不处理我就投诉到消协',
  '我要打12315',
  '我要发微博曝光你们',
  '我会找媒体报道这件事',
  '我已经咨询律师了',
  '准备去法院起诉',
  '再这样我就报警',
]
const THREAT_SHARE = 0.02
/** Shares of texts that leave a phone number, an e-mail address or an ID-card number. */
const PII_SHARE = { phone: 0.06, email: 0.02, idCard: 0.015 }

export interface ComplaintText {
  text: string
  threatens: boolean
}

export function complaintText(
  rng: Rng,
  ticket: { category: Category; service: Service; segment: Segment },
): ComplaintText {
  const opener = rng.chance(0.5) ? (SEGMENT_OPENERS[ticket.segment] ?? '') : ''
  const body = fill(rng, rng.pick(TEMPLATES[ticket.category]), ticket.service)
  const parts = [opener + body, rng.pick(DEMANDS)]
  const threatens = rng.chance(THREAT_SHARE)
  if (threatens) parts.push(rng.pick(THREATS))
  parts.push(contactDetails(rng))
  return { text: parts.filter((p) => p !== '').join(',') + '!', threatens }
}

function fill(rng: Rng, template: string, service: Service): string {
  return template
    .replace('{item}', rng.pick(ITEMS[service]))
    .replace('{damage}', rng.pick(DAMAGE[service]))
    .replace('{cost}', DELAY_COST[service])
    .replace('{min}', String(rng.int(20, 120)))
    .replace('{n}', String(rng.int(2, 4)))
    .replace('{yuan}', String(rng.int(3, 30)))
}

function contactDetails(rng: Rng): string {
  const u = rng.next()
  if (u < PII_SHARE.phone) return `我电话${phoneNumber(rng)}`
  if (u < PII_SHARE.phone + PII_SHARE.email) return `邮箱${emailAddress(rng)}`
  if (u < PII_SHARE.phone + PII_SHARE.email + PII_SHARE.idCard) return `身份证号${idCardNumber(rng)}`
  return ''
}

function digits(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9))
  return s
}

function phoneNumber(rng: Rng): string {
  return '1' + rng.pick(['3', '5', '7', '8', '9']) + digits(rng, 9)
}

function emailAddress(rng: Rng): string {
  return `${rng.pick(['zhang', 'liwei', 'wangfang', 'chen'])}${digits(rng, 3)}@${rng.pick(['163.com', 'qq.com', '126.com'])}`
}

/** An 18-digit ID number with a valid GB 11643 check character, so a strict masker recognises it. */
function idCardNumber(rng: Rng): string {
  const area = rng.pick(['110105', '310115', '440106', '510107', '500103'])
  const birth = `${rng.int(1950, 2003)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
  const body = area + birth + digits(rng, 3)
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0)
  return body + '10X98765432'.charAt(sum % 11)
}
