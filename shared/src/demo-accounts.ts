/**
 * The accounts `npm start` seeds with its demo data (server/src/demo), each signed in by the
 * development login (`POST /api/v1/auth/dev {openid}`), and what each is for. The H5 app offers
 * them in its 切换演示账号 switch; the server gives each its role and unit. `demo-admin` is not
 * here: the app has no administrator pages (see README, Demo data).
 */
export const DEMO_LOGINS = [
  { openid: 'demo-reporter', label: '学校班主任（强制报告责任人）' },
  { openid: 'demo-public', label: '热心邻居（普通报告人）' },
  { openid: 'demo-hotline', label: '热线接线员' },
  { openid: 'demo-township', label: '泗城镇儿童督导员' },
  { openid: 'demo-village-guanmiao', label: '关庙村儿童主任' },
  { openid: 'demo-village-huchen', label: '胡陈村儿童主任' },
  { openid: 'demo-dunji-township', label: '墩集镇儿童督导员' },
  { openid: 'demo-police', label: '县公安局值班民警' },
  { openid: 'demo-civil', label: '县民政局工作人员' },
  { openid: 'demo-education', label: '县教育局工作人员' },
  { openid: 'demo-coordinator', label: '县联席办协调员' },
] as const;

export type DemoOpenid = (typeof DEMO_LOGINS)[number]['openid'];
