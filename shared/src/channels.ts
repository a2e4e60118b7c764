export const CHANNELS = ['mandatory', 'public', 'hotline'] as const;

export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  mandatory: '强制报告',
  public: '举报/求助',
  hotline: '热线登记',
};
