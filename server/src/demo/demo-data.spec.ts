import {
  DEMO_LOGINS,
  childFileRequestErrors,
  longestPrefixUnit,
  route,
  shanghaiDate,
  villageUnitProblems,
  withinPrefixes,
} from '@shouhu/shared';
import { CreateChildFileDto } from '../child-files/dto/child-file.dto';
import { createValidationPipe } from '../common/validation.pipe';
import {
  DEMO_ACCOUNTS,
  DEMO_COUNTY,
  DEMO_COUNTY_UNITS,
  DEMO_VILLAGE_UNITS,
  demoChildFiles,
  demoReports,
} from './demo-data';

const NOW = new Date('2026-11-16T10:00:00+08:00');

describe('demo data', () => {
  const reports = demoReports(NOW).map(({ report }) => report);
  const routed = reports.map((report) => route(report, { repeat: false }));

  it.each(reports.map((report, i) => [report.situations.join('+'), report, routed[i]] as const))(
    'routes the %s report to demo units of every department it names',
    (_, report, routing) => {
      for (const order of routing.orders) {
        // Every town gets its own supervisor station at seeding time.
        if (order.department === 'township') continue;
        const units = DEMO_COUNTY_UNITS.filter((u) => u.department === order.department).map(
          (u) => ({ ...u, id: u.key }),
        );
        expect([order.department, longestPrefixUnit(report.location.divisionCode, units)]).toEqual([
          order.department,
          expect.anything(),
        ]);
      }
    },
  );

  it('shows the new routing: a civil-affairs lead with a police assist, and a lost dropout', () => {
    const leads = routed.map((r) => r.orders.find((o) => o.role === 'lead')?.department);
    const withPolice = routed.filter((r) => r.orders.some((o) => o.department === 'police'));

    expect(leads).toContain('civil_affairs');
    expect(withPolice.length).toBeGreaterThanOrEqual(2);
    expect(routed.some((r) => r.overrides.some((o) => o.reason.includes('去向不明')))).toBe(true);
  });

  it('has a second police unit, so the police order can be shown being reassigned (改派)', () => {
    expect(DEMO_COUNTY_UNITS.filter((u) => u.department === 'police').length).toBeGreaterThan(1);
  });

  it('seeds every account the H5 app’s 切换演示账号 offers, and no other', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.openid).sort()).toEqual(
      DEMO_LOGINS.map((login) => login.openid).sort(),
    );
  });

  it('puts each village unit under the station of its town, as POST /admin/units would ask', () => {
    for (const village of DEMO_VILLAGE_UNITS) {
      const town = /^town:(\d{9})$/.exec(village.parent ?? '')?.[1] ?? '';
      const station = {
        id: village.parent ?? '',
        department: 'township' as const,
        divisionPrefixes: [town],
      };

      expect([village.name, villageUnitProblems(village.divisionPrefixes, station)]).toEqual([
        village.name,
        {},
      ]);
      expect(town.startsWith(DEMO_COUNTY.code)).toBe(true);
    }
  });

  it('gives every account with a unit one the seeder makes', () => {
    const keys = new Set([...DEMO_COUNTY_UNITS, ...DEMO_VILLAGE_UNITS].map((u) => u.key));
    const made = (key: string) =>
      keys.has(key) || new RegExp(`^town:${DEMO_COUNTY.code}\\d{3}$`).test(key);

    expect(DEMO_ACCOUNTS.filter((a) => a.unit && !made(a.unit))).toEqual([]);
  });

  it('has a 儿童主任 for each village, and a supervisor of another town', () => {
    const unitOf = (openid: string) => DEMO_ACCOUNTS.find((a) => a.openid === openid)?.unit;

    expect(
      DEMO_VILLAGE_UNITS.map((v) => DEMO_ACCOUNTS.filter((a) => a.unit === v.key).length),
    ).toEqual(DEMO_VILLAGE_UNITS.map(() => 1));
    expect([unitOf('demo-township'), unitOf('demo-dunji-township')]).toEqual([
      'town:341324100',
      'town:341324101',
    ]);
  });

  it('offers the village workers in 切换演示账号 right after 泗城镇’s supervisor', () => {
    const order = DEMO_LOGINS.map((login) => login.openid);
    const township = order.indexOf('demo-township');

    expect(order.slice(township, township + 3)).toEqual([
      'demo-township',
      'demo-village-guanmiao',
      'demo-village-huchen',
    ]);
  });

  describe('child files', () => {
    const files = demoChildFiles(NOW);

    it('has a left-behind boy and a seriously ill girl of a low-income family, both of 关庙村', () => {
      expect(files.map(({ openid, file }) => [openid, file.child.name, file.categories])).toEqual([
        ['demo-village-guanmiao', '（演示）小明', ['left_behind']],
        ['demo-village-guanmiao', '（演示）小红', ['serious_illness', 'low_income']],
      ]);
    });

    it.each(files.map(({ openid, file }) => [file.child.name, openid, file] as const))(
      'opens %s as POST /children takes it from its opener',
      async (_, openid, file) => {
        const opener = DEMO_ACCOUNTS.find((a) => a.openid === openid);
        const unit = DEMO_VILLAGE_UNITS.find((u) => u.key === opener?.unit);

        await expect(
          createValidationPipe().transform(file, { type: 'body', metatype: CreateChildFileDto }),
        ).resolves.toBeInstanceOf(CreateChildFileDto);
        expect(childFileRequestErrors(file, shanghaiDate(NOW))).toEqual({});
        expect(opener?.role).toBe('handler');
        expect(withinPrefixes(file.divisionCode, unit?.divisionPrefixes ?? [])).toBe(true);
      },
    );

    it('gives each child a guardian phone of its own, which finds the file on the next boot', () => {
      const phones = files.map(({ file }) => file.guardian?.phone);

      expect(phones.every(Boolean)).toBe(true);
      expect(new Set(phones).size).toBe(files.length);
    });

    it('dates the help relative to now and never after today', () => {
      const janFirst = demoChildFiles(new Date('2027-01-01T08:00:00+08:00'));

      expect(childFileRequestErrors(janFirst[1].file, '2027-01-01')).toEqual({});
      expect(janFirst[1].file.help?.[0].since).toBe('2026-09-01');
      expect(files[0].file.help?.[0].since).toBe('2026-08-08');
    });
  });

  it('files one report in 胡陈村, so its 儿童主任 has a file to see', () => {
    const villages = reports.map((report) => report.location.divisionCode);

    expect(villages.filter((code) => code === '341324100207')).toHaveLength(1);
  });
});
