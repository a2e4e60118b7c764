import type { Role } from './roles';

export const CHANNELS = ['mandatory', 'public', 'hotline', 'visit'] as const;

export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  mandatory: '强制报告',
  public: '举报/求助',
  hotline: '热线登记',
  visit: '走访发现',
};

/**
 * The channels of the report form (`POST /reports`). A `visit` report is filed with the visit it
 * came from, on the child's file (`POST /children/:id/visits`), where the file gives its place and
 * child and the visiting worker is its reporter (domain.md, Channels).
 */
export const FORM_CHANNELS = [
  'mandatory',
  'public',
  'hotline',
] as const satisfies readonly Channel[];

export type FormChannel = (typeof FORM_CHANNELS)[number];

/** What `POST /reports` answers a report in channel `visit` (400 on `channel`). */
export const VISIT_CHANNEL_REFUSAL =
  '走访中发现的情况请在孩子的儿童档案里记录走访时一并报告，不能在这里提交';

/**
 * The role a channel needs, and what someone without it is told; 举报/求助 anyone may file.
 * `channelRefusal` decides by it, and the API docs of POST /reports say it.
 */
export const CHANNEL_ROLES: Partial<Record<FormChannel, { role: Role; refusal: string }>> = {
  mandatory: {
    role: 'mandated_reporter',
    refusal: '强制报告需要先绑定所在单位（我的 → 绑定单位）；也可以选择“我要举报/求助”提交',
  },
  hotline: { role: 'hotline_operator', refusal: '只有热线接线员可以登记热线来电' },
};

/**
 * Why someone with these roles may not file in this channel, or null when they may: a 强制报告
 * comes from a bound mandated reporter (未成年人保护法 第十一条), a 热线登记 from a hotline operator.
 * The server refuses the report (403); the app offers the public form instead.
 */
export function channelRefusal(channel: FormChannel, roles: readonly Role[]): string | null {
  const needed = CHANNEL_ROLES[channel];
  return needed && !roles.includes(needed.role) ? needed.refusal : null;
}
