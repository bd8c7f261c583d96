// The dashboard's one table of words (read through lib/i18n.ts). zh-CN comes first: the product's users
// work in Chinese, and the vocabulary follows the industry reports in the seeds (即时响应率, 首次解决率,
// 投诉二次率, 人单比 1:1500). Add a key here before showing a new word anywhere.

import { VIEW_MESSAGES } from './messages-views.ts'

type Entry = { 'zh-CN': string; en: string }

export const MESSAGES = {
  'app.name': { 'zh-CN': '投诉雷达', en: 'Complaint Radar' },
  'app.loading': { 'zh-CN': '正在加载…', en: 'Loading…' },
  'nav.wall': { 'zh-CN': '运营大屏', en: 'Operations wall' },
  'nav.region': { 'zh-CN': '区域下钻', en: 'Regions' },
  'nav.weekly': { 'zh-CN': '周报趋势', en: 'Weekly trends' },
  'locale.switch': { 'zh-CN': 'English', en: '中文' },

  'scope.platform': { 'zh-CN': '全平台', en: 'All regions' },

  'kpi.orders': { 'zh-CN': '订单量', en: 'Orders' },
  'kpi.tickets': { 'zh-CN': '今日投诉工单', en: 'Tickets today' },
  'kpi.complaint_rate': { 'zh-CN': '投诉率', en: 'Complaint rate' },
  'kpi.instant_response_rate': { 'zh-CN': '即时响应率', en: 'Instant response rate' },
  'kpi.frt_p50_s': { 'zh-CN': '首响时长中位数', en: 'First response, median' },
  'kpi.frt_p90_s': { 'zh-CN': '首响时长 P90', en: 'First response, P90' },
  'kpi.resolution_rate': { 'zh-CN': '解决率', en: 'Resolution rate' },
  'kpi.fcr_rate': { 'zh-CN': '首次解决率', en: 'First-contact resolution' },
  'kpi.repeat_rate': { 'zh-CN': '投诉二次率', en: 'Repeat complaint rate' },
  'kpi.mttr_p50_s': { 'zh-CN': '解决时长中位数', en: 'Time to resolve, median' },
  'kpi.csat_avg': { 'zh-CN': '满意度', en: 'CSAT' },
  'kpi.csat_n': { 'zh-CN': '评价数', en: 'Ratings' },
  'kpi.bad_review_rate': { 'zh-CN': '差评率', en: 'Bad review rate' },
  'kpi.bot_resolution_rate': { 'zh-CN': '智能客服解决占比', en: 'Resolved by bot' },
  'kpi.followup_rate': { 'zh-CN': '24小时回访率', en: '24-hour callback rate' },
  'kpi.urgent_sla_breaches': { 'zh-CN': '加急工单超时', en: 'Urgent SLA breaches' },
  'kpi.promise_breaches': { 'zh-CN': '3分钟承诺超时', en: '3-minute promise breaches' },
  'kpi.coupons_owed_cny': { 'zh-CN': '超时补偿券', en: 'Coupons owed' },
  'kpi.compensation_cny': { 'zh-CN': '赔付金额', en: 'Compensation paid' },
  'kpi.peak_instant_response_rate': { 'zh-CN': '高峰即时响应率', en: 'Peak instant response' },
  'kpi.agents_on_duty': { 'zh-CN': '在岗客服', en: 'Agents on duty' },
  'kpi.orders_per_agent': { 'zh-CN': '人单比', en: 'Orders per agent' },

  'kpi.change.vs_yesterday': { 'zh-CN': '较昨日同时', en: 'vs. yesterday' },
  'kpi.change.points': { 'zh-CN': '个百分点', en: ' pts' },
  'kpi.standard': { 'zh-CN': '行业标准 {value}', en: 'Standard {value}' },
  'kpi.target_min': { 'zh-CN': '目标 ≥ {value}', en: 'Target ≥ {value}' },
  'kpi.target_zero': { 'zh-CN': '目标 0', en: 'Target 0' },
  'kpi.coupon_rule': { 'zh-CN': '超3分钟未响应补偿5元', en: '¥5 per reply over 3 min' },

  'channel.app': { 'zh-CN': 'APP内', en: 'In-app' },
  'channel.phone': { 'zh-CN': '电话', en: 'Phone' },
  'channel.social': { 'zh-CN': '社交媒体', en: 'Social media' },
  'channel.third_party': { 'zh-CN': '第三方平台', en: 'Third party' },

  'risk.red': { 'zh-CN': '红色', en: 'Red' },
  'risk.orange': { 'zh-CN': '橙色', en: 'Orange' },
  'risk.yellow': { 'zh-CN': '黄色', en: 'Yellow' },
  'risk.blue': { 'zh-CN': '蓝色', en: 'Blue' },
  'risk.normal': { 'zh-CN': '正常', en: 'Normal' },

  'severity.critical': { 'zh-CN': '严重', en: 'Critical' },
  'severity.warning': { 'zh-CN': '警告', en: 'Warning' },
  'rule.zone_complaint_streak': { 'zh-CN': '区域连续超标', en: 'Zone over rate 3 days' },
  'rule.agent_order_ratio': { 'zh-CN': '人单比超标', en: 'Too few agents' },
  'rule.peak_response_rate': { 'zh-CN': '高峰响应不足', en: 'Slow peak response' },
  'rule.urgent_unanswered': { 'zh-CN': '加急工单未响应', en: 'Urgent ticket waiting' },
  'rule.escalation_risk': { 'zh-CN': '升级风险', en: 'Escalation risk' },
  'alert.acknowledged': { 'zh-CN': '已确认', en: 'Acknowledged' },
  'alert.detail.zone_complaint_streak': { 'zh-CN': '自 {since} 起超标，为平台的 {ratio} 倍', en: 'over since {since}, {ratio}× the platform' },
  'alert.detail.agent_order_ratio': { 'zh-CN': '人单比 {value}，标准 {threshold}', en: '{value} orders per agent, standard {threshold}' },
  'alert.detail.peak_response_rate': { 'zh-CN': '近30分钟即时响应率 {value}，低于 {threshold}', en: '{value} answered within 60 s in 30 min, under {threshold}' },
  'alert.detail.urgent_unanswered': { 'zh-CN': '工单 {ticket} 超过 {threshold} 无人响应', en: 'ticket {ticket}: no reply after {threshold}' },
  'alert.detail.escalation_risk': { 'zh-CN': '工单 {ticket} 提及“{terms}”', en: 'ticket {ticket} mentions “{terms}”' },

  'wall.heatmap.title': { 'zh-CN': '今日 区域 × 时段 投诉率', en: 'Complaint rate today, zone × hour' },
  'wall.heatmap.hour': { 'zh-CN': '{hour}时', en: '{hour}h' },
  'wall.keywords.title': { 'zh-CN': '投诉热词', en: 'Complaint keywords' },
  'wall.keywords.rising': { 'zh-CN': '上升', en: 'rising' },
  'wall.keywords.none': { 'zh-CN': '今日暂无投诉文本', en: 'No complaint texts today' },
  'wall.channels.title': { 'zh-CN': '投诉渠道', en: 'Channels' },
  'wall.channels.none': { 'zh-CN': '今日暂无工单', en: 'No tickets today' },
  'wall.alerts.title': { 'zh-CN': '实时告警', en: 'Open alerts' },
  'wall.alerts.none': { 'zh-CN': '暂无未处理告警', en: 'No open alerts' },
  'wall.alerts.more': { 'zh-CN': '另有 {n} 条未显示', en: '{n} more not shown' },

  'live.live': { 'zh-CN': '实时', en: 'Live' },
  'live.connecting': { 'zh-CN': '连接中', en: 'Connecting' },
  'live.stale': { 'zh-CN': '数据已停止更新，最后更新于 {time}', en: 'Stale since {time}' },
  'live.stale_never': { 'zh-CN': '尚未收到实时数据，正在重连…', en: 'No live data yet, reconnecting…' },

  'signin.title': { 'zh-CN': '登录投诉雷达', en: 'Sign in to Complaint Radar' },
  'signin.with_token': { 'zh-CN': '访问令牌', en: 'Access token' },
  'signin.with_password': { 'zh-CN': '账号密码', en: 'Name and password' },
  'signin.token': { 'zh-CN': '令牌', en: 'Token' },
  'signin.name': { 'zh-CN': '用户名', en: 'Name' },
  'signin.password': { 'zh-CN': '密码', en: 'Password' },
  'signin.submit': { 'zh-CN': '登录', en: 'Sign in' },
  'signin.invalid': { 'zh-CN': '令牌或用户名、密码无效', en: 'The token, or the name and password, are not valid' },
  'signin.link_invalid': { 'zh-CN': '链接中的令牌无效，请重新登录', en: 'The token in the link is not valid; please sign in' },
  'signin.too_many': { 'zh-CN': '尝试次数过多，请一分钟后再试', en: 'Too many attempts; try again in a minute' },
  'signin.failed': { 'zh-CN': '无法连接服务器，请稍后再试', en: 'The server cannot be reached; try again later' },
  ...VIEW_MESSAGES,
} as const satisfies Record<string, Entry>

export type MessageKey = keyof typeof MESSAGES
