import {
  CHANNELS,
  CHANNEL_LABELS,
  FORM_CHANNELS,
  channelRefusal,
  type Channel,
  type FormChannel,
} from './channels';
import type { Role } from './roles';

describe(channelRefusal.name, () => {
  it.each<[FormChannel, Role[], boolean]>([
    ['public', ['reporter'], true],
    ['mandatory', ['reporter'], false],
    ['mandatory', ['reporter', 'mandated_reporter'], true],
    ['hotline', ['reporter', 'handler'], false],
    ['hotline', ['reporter', 'hotline_operator'], true],
    ['hotline', ['reporter', 'admin'], false],
  ])('%s by %j: may file %s', (channel, roles, may) => {
    expect(channelRefusal(channel, roles) === null).toBe(may);
  });

  it('tells a reporter without a bound unit how to file a mandatory report', () => {
    expect(channelRefusal('mandatory', ['reporter'])).toContain('绑定单位');
  });
});

describe('FORM_CHANNELS', () => {
  it('offers every channel but 走访发现, which is filed with its visit on the child’s file', () => {
    expect(CHANNELS.filter((c) => !(FORM_CHANNELS as readonly Channel[]).includes(c))).toEqual([
      'visit',
    ]);
    expect(CHANNEL_LABELS.visit).toBe('走访发现');
  });
});
