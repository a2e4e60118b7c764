import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_LOGINS,
  type ChildFileChild,
  type ReporterReportView,
  type Unit,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { ChildFileEntity, ChildFileEventEntity } from '../../src/children/child-file.entity';
import { Sealer } from '../../src/crypto/sealer';
import {
  DEMO_COUNTY_UNITS,
  DEMO_INSTITUTIONS,
  DEMO_VILLAGE_UNITS,
  demoChildFiles,
  demoReports,
} from '../../src/demo/demo-data';
import { InstitutionEntity } from '../../src/institutions/institution.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { UserEntity } from '../../src/users/user.entity';
import { anAdminSession, devLogin } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

const DEMO = { DEMO_DATA: 'true' };

/**
 * A database two servers can start on one after the other: on SQLite a file, as `npm start`
 * keeps it (in memory, each server would have its own); on MariaDB the first server's, shared
 * through `databaseUrl`.
 */
function sqliteFile(): { env: Record<string, string>; remove(): void } {
  if (testDriver() !== 'better-sqlite3') return { env: {}, remove: () => undefined };
  const directory = mkdtempSync(join(tmpdir(), 'shouhu-demo-'));
  return {
    env: { SQLITE_PATH: join(directory, 'shouhu.sqlite') },
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** The demo county as `npm start` seeds it, started once and then again on the same database. */
describe('demo data', () => {
  let first: TestApp;
  let again: TestApp;
  const file = sqliteFile();

  beforeAll(async () => {
    first = await startTestApp({ env: { ...DEMO, ...file.env } });
    again = await startTestApp({
      env: { ...DEMO, ...file.env },
      databaseUrl: first.databaseUrl ?? undefined,
    });
  }, 120_000);
  afterAll(async () => {
    await again.close();
    await first.close();
    file.remove();
  });

  const unitsOf = async (app: TestApp) =>
    (
      await http<Unit[]>(app.baseUrl, 'GET', '/admin/units', {
        token: (await anAdminSession(app.baseUrl)).token,
      })
    ).body;

  it('makes each demo unit once, however often the server starts', async () => {
    const units = await unitsOf(again);
    const named = (name: string) => units.filter((u) => u.name === name).length;

    for (const unit of [...DEMO_COUNTY_UNITS, ...DEMO_VILLAGE_UNITS]) {
      expect([unit.name, named(unit.name)]).toEqual([unit.name, 1]);
    }
    expect([named('泗城镇儿童督导站'), named('墩集镇儿童督导站')]).toEqual([1, 1]);
  });

  it('puts the villages of 泗城镇 under its station', async () => {
    const units = await unitsOf(again);
    const station = units.find((u) => u.name === '泗城镇儿童督导站');

    expect(units.filter((u) => u.department === 'village')).toEqual([
      expect.objectContaining({
        name: '关庙村（儿童主任）',
        divisionPrefixes: ['341324100203'],
        parentId: station?.id,
      }),
      expect.objectContaining({
        name: '胡陈村（儿童主任）',
        divisionPrefixes: ['341324100207'],
        parentId: station?.id,
      }),
    ]);
  });

  it.each([
    ['demo-village-guanmiao', '关庙村（儿童主任）', 'village'],
    ['demo-village-huchen', '胡陈村（儿童主任）', 'village'],
    ['demo-dunji-township', '墩集镇儿童督导站', 'township'],
    ['demo-township', '泗城镇儿童督导站', 'township'],
  ])('signs %s in as a handler of %s', async (openid, unitName, unitDepartment) => {
    const session = await devLogin(again.baseUrl, openid);

    expect(session.user).toMatchObject({
      roles: ['reporter', 'handler'],
      unitName,
      unitDepartment,
    });
  });

  it('files the demo reports once', async () => {
    const filed = await Promise.all(
      DEMO_LOGINS.map(async ({ openid }) => {
        const { token } = await devLogin(again.baseUrl, openid);
        return (await http<ReporterReportView[]>(again.baseUrl, 'GET', '/reports/mine', { token }))
          .body.length;
      }),
    );

    expect(filed.reduce((a, b) => a + b, 0)).toBe(demoReports(new Date()).length);
  });

  it('keeps 泗县’s register once, and files the demo teacher’s reports for the school on it', async () => {
    const db = again.app.get(DataSource);
    const institutions = await db.getRepository(InstitutionEntity).find({ order: { name: 'ASC' } });
    const teacher = await devLogin(again.baseUrl, 'demo-reporter');
    const school = institutions.find((i) => i.name === '（演示）泗城镇中心学校');
    const reports = await db
      .getRepository(ReportEntity)
      .findBy({ reporterUserId: teacher.user.id });

    expect(institutions.map((i) => i.name).sort()).toEqual(
      DEMO_INSTITUTIONS.map((i) => i.name).sort(),
    );
    expect(school).toMatchObject({ countyCode: '341324', type: 'school' });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.map((r) => r.institutionId)).toEqual(reports.map(() => school?.id));
  });

  describe('child files', () => {
    const stored = async () => {
      const db = again.app.get(DataSource);
      const sealer = again.app.get(Sealer);
      const files = await db.getRepository(ChildFileEntity).find();
      return files.map((file) => ({
        ...file,
        child: file.childSealed ? sealer.open<ChildFileChild>(file.childSealed) : {},
      }));
    };
    const unitNamed = async (name: string) =>
      (await unitsOf(again)).find((unit) => unit.name === name)?.id;

    it('opens the 摸排 files once, kept by 关庙村, with their categories', async () => {
      const guanmiao = await unitNamed('关庙村（儿童主任）');
      const surveyed = (await stored()).filter((file) => file.origin === 'survey');

      expect(guanmiao).toBeDefined();
      expect(
        surveyed.map((file) => [file.child.name, file.unitId, file.status, file.categories]).sort(),
      ).toEqual(
        [
          ['（演示）小明', guanmiao, 'active', ['left_behind']],
          ['（演示）小红', guanmiao, 'active', ['serious_illness', 'low_income']],
        ].sort(),
      );
      expect(surveyed).toHaveLength(demoChildFiles(new Date()).length);
    });

    it('opens them as 关庙村’s 儿童主任, with a visit plan', async () => {
      const db = again.app.get(DataSource);
      const worker = await db
        .getRepository(UserEntity)
        .findOneByOrFail({ openid: 'demo-village-guanmiao' });
      const surveyed = (await stored()).filter((file) => file.origin === 'survey');
      const opened = await db.getRepository(ChildFileEventEntity).findBy({ kind: 'opened' });

      expect(surveyed).toHaveLength(demoChildFiles(new Date()).length);
      for (const file of surveyed) {
        expect(opened.filter((event) => event.childFileId === file.id)).toEqual([
          expect.objectContaining({ actorUserId: worker.id, actorUnitId: worker.unitId }),
        ]);
        expect(file.nextVisitDueAt).not.toBeNull();
      }
    });

    it('gives 胡陈村 the file of the report about its child', async () => {
      const huchen = await unitNamed('胡陈村（儿童主任）');
      const kept = (await stored()).filter((file) => file.unitId === huchen);

      expect(kept.map((file) => [file.origin, file.divisionCode])).toEqual([
        ['report', '341324100207'],
      ]);
    });
  });

  it('leaves a database with units of its own and no demo account alone', async () => {
    const realFile = sqliteFile();
    const real = await startTestApp({ env: realFile.env });
    try {
      await aUnit(real.baseUrl, {
        name: '某县真实单位',
        department: 'police',
        divisionPrefixes: ['341324'],
      });
      const demo = await startTestApp({
        env: { ...DEMO, ...realFile.env },
        databaseUrl: real.databaseUrl ?? undefined,
      });
      try {
        const units = await unitsOf(demo);
        const coordinator = await devLogin(demo.baseUrl, 'demo-coordinator');

        expect(units.map((u) => u.name)).toEqual(['某县真实单位']);
        expect(coordinator.user.roles).toEqual(['reporter']);
        expect(await demo.app.get(DataSource).getRepository(ChildFileEntity).count()).toBe(0);
      } finally {
        await demo.close();
      }
    } finally {
      await real.close();
      realFile.remove();
    }
  }, 120_000);
});
