import { channelRefusal, type Channel } from './channels';
import type { Role } from './roles';

describe(channelRefusal.name, () => {
  it.each<[Channel, Role[], boolean]>([
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
