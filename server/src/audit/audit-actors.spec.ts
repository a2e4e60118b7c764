import {
  channelRoles,
  mayKnowReporterActor,
  reporterPseudonym,
  type ReportOfRow,
} from './audit-actors';

const report = (overrides: Partial<ReportOfRow> = {}): ReportOfRow => ({
  id: 'report-1',
  reporterUserId: 'user-1',
  anonymous: false,
  confidential: false,
  channel: 'public',
  divisionCode: '341324100201',
  ...overrides,
});

const county = { coordinatorPrefixes: ['341324'] };
const otherCounty = { coordinatorPrefixes: ['341322'] };
const admin = { coordinatorPrefixes: [] };

describe(mayKnowReporterActor.name, () => {
  it.each([
    ['named, county coordinator', report(), county, true],
    ['named, other county coordinator', report(), otherCounty, false],
    ['named, admin', report(), admin, false],
    ['confidential, county coordinator', report({ confidential: true }), county, true],
    ['confidential, admin', report({ confidential: true }), admin, false],
    ['anonymous, county coordinator', report({ anonymous: true }), county, false],
    ['anonymous, admin', report({ anonymous: true }), admin, false],
  ])('%s → %s', (_case, row, viewer, expected) => {
    expect(mayKnowReporterActor(row, viewer)).toBe(expected);
  });
});

describe(channelRoles.name, () => {
  it.each([
    ['public', ['reporter']],
    ['mandatory', ['mandated_reporter']],
    ['hotline', ['hotline_operator']],
    ['visit', ['handler']],
  ] as const)('a %s report shows its reporter as %j', (channel, roles) => {
    expect(channelRoles(channel)).toEqual(roles);
  });
});

describe(reporterPseudonym.name, () => {
  const key = Buffer.alloc(32, 7);

  it('is stable for one reporter on one report and differs across reports and keys', () => {
    const first = reporterPseudonym(key, 'user-1', 'report-1');

    expect(first).toMatch(/^报告人·[0-9a-f]{6}$/);
    expect(reporterPseudonym(key, 'user-1', 'report-1')).toBe(first);
    expect(reporterPseudonym(key, 'user-1', 'report-2')).not.toBe(first);
    expect(reporterPseudonym(Buffer.alloc(32, 8), 'user-1', 'report-1')).not.toBe(first);
    expect(first).not.toContain('user-1');
  });
});
