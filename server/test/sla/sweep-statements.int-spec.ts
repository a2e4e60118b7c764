import { DataSource } from 'typeorm';
import { SlaSweeper, type SweepResult } from '../../src/sla/sla-sweeper';
import { aChildFile } from '../factories/child-file.factory';
import { TOWN, aCounty } from '../factories/county.factory';
import { submitReport } from '../factories/order.factory';
import { aVisitDue } from '../factories/visit-due.factory';
import { statementsOf } from '../setup/statements';
import { startTestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

const T0 = new Date('2026-11-16T09:00:00+08:00');
const DAY = 24 * 3600_000;
/** A child's name per file: files of one name and place would be one child. */
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫';
const ENV = { AUTH_TOKEN_TTL_HOURS: '2000' };
/** The audit chain's own statements: appended through AuditService, counted apart. */
const AUDIT = /\b(audit_head|audit_log)\b/;

/**
 * One sweep tick on a fresh server over `reports` reports of 泗城镇 (three orders each) filed at
 * T0 and as many files with a visit due in 10 days, at T0 + 9 days: every order's clocks past
 * every stage (reminders, 督办, red list, texts to duty phones), every visit at its reminder.
 */
async function sweepOf(reports: number) {
  const clock = new TestClock(T0);
  const sut = await startTestApp({ env: ENV, clock });
  try {
    const county = await aCounty(sut.baseUrl);
    for (let i = 0; i < reports; i++) {
      await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: ['violence_abuse'],
        location: { divisionCode: TOWN },
        discoveredAt: '2026-11-16T08:00:00+08:00',
        child: {},
      });
      const file = await aChildFile(sut.app, {
        unitId: county.units.township.id,
        child: { name: `${SURNAMES[i]}小红`, gender: 'female', ageYears: 9 },
      });
      await aVisitDue(sut.app, file, { startedAt: T0, dueAt: new Date(T0.getTime() + 10 * DAY) });
    }
    clock.set(new Date(T0.getTime() + 9 * DAY));
    const sweeper = sut.app.get(SlaSweeper);
    const { statements, result } = await statementsOf(sut.app.get(DataSource), () =>
      sweeper.sweep(),
    );
    return {
      result,
      others: statements.filter((sql) => !AUDIT.test(sql)),
      audit: statements.filter((sql) => AUDIT.test(sql)),
    };
  } finally {
    await sut.close();
  }
}

/**
 * The sweep's cost per due item is its audit rows alone (appended through AuditService): its
 * other statements are a fixed number per batch, the same for 9 due orders as for 36.
 */
describe('the deadline sweep’s statements', () => {
  let few: Awaited<ReturnType<typeof sweepOf>>;
  let many: Awaited<ReturnType<typeof sweepOf>>;

  beforeAll(async () => {
    few = await sweepOf(3);
    many = await sweepOf(12);
  }, 240_000);

  it('reached the same stages for every order and visit', () => {
    const shape = (r: SweepResult) => ({ orders: r.orders, visits: r.visits.dues });
    expect(shape(few.result)).toEqual({ orders: 9, visits: 3 });
    expect(shape(many.result)).toEqual({ orders: 36, visits: 12 });
    expect(many.result.events).toBe(4 * few.result.events);
    expect(many.result.visits.events).toBe(4 * few.result.visits.events);
    expect(few.audit.length).toBeGreaterThan(0);
  });

  it('sends as many statements besides the audit rows for 36 due orders and 12 visits as for 9 and 3', () => {
    expect(many.others.length).toBe(few.others.length);
  });
});
