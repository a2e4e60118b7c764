import { randomUUID } from 'node:crypto';
import type { AuthResponse, ChildFileDetail, ChildFileSummary, Page } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { HOME_COUNTY, HOME_VILLAGE, aWorld, type World } from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

type Answer<T> = T & { code?: string; errors?: Record<string, string> };

/** 重点关注 on a child's file: set when opening it or later, on the timeline, and a list filter. */
describe('child files: the priority flag (重点关注)', () => {
  let sut: TestApp;
  let db: DataSource;
  let world: World;
  let village: AuthResponse;
  let coordinator: AuthResponse;
  let police: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp();
    db = sut.app.get(DataSource);
    world = await aWorld(sut.baseUrl);
    village = await aSessionWith(sut.baseUrl, {
      role: 'handler',
      unitId: world.units.homeVillage.id,
    });
    coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });
    const policeUnit = await aUnit(sut.baseUrl, {
      department: 'police',
      divisionPrefixes: [HOME_COUNTY],
    });
    police = await aSessionWith(sut.baseUrl, { role: 'handler', unitId: policeUnit.id });
  }, 120_000);

  afterAll(() => sut.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    divisionCode: HOME_VILLAGE,
    child: { name: `重点${randomUUID().slice(0, 8)}`, ageYears: 10 },
    categories: ['left_behind'],
    ...overrides,
  });

  async function open(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await http<Answer<{ id: string }>>(sut.baseUrl, 'POST', '/children', {
      token: village.token,
      body: body(overrides),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const patch = (id: string, change: unknown, token = village.token) =>
    http<Answer<ChildFileSummary>>(sut.baseUrl, 'PATCH', `/children/${id}`, {
      token,
      body: change,
    });

  const detail = async (id: string) =>
    (await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${id}`, { token: village.token }))
      .body;

  const priorityLines = async (id: string) =>
    (await detail(id)).timeline
      .filter((line) => line.kind === 'priority' || line.kind === 'opened')
      .map((line) => line.text);

  async function audited(id: string): Promise<{ action: string; detail: unknown }[]> {
    const rows: { action: string; detail: string }[] = await db.query(
      "SELECT action, detail FROM audit_log WHERE target_id = ? AND action IN ('child_file.open', 'child_file.priority') ORDER BY seq",
      [id],
    );
    return rows.map((row) => ({ action: row.action, detail: JSON.parse(row.detail) }));
  }

  it('opens a file as priority when asked, and as not priority by default', async () => {
    const marked = await open({ priority: true });
    const plain = await open();

    expect((await detail(marked)).priority).toBe(true);
    expect((await detail(plain)).priority).toBe(false);
    expect(await priorityLines(marked)).toEqual(['摸排建档（关庙村（儿童主任）），列为重点关注']);
    expect(await priorityLines(plain)).toEqual(['摸排建档（关庙村（儿童主任））']);
    expect((await audited(marked))[0].detail).toMatchObject({ priority: true });
  });

  it('puts each change of the flag on the timeline and in the audit log, and nothing when it stays', async () => {
    const id = await open();

    const on = await patch(id, { priority: true });
    const again = await patch(id, { priority: true });
    const off = await patch(id, { priority: false });

    expect([on.status, again.status, off.status]).toEqual([200, 200, 200]);
    expect([on.body.priority, again.body.priority, off.body.priority]).toEqual([true, true, false]);
    expect(await priorityLines(id)).toEqual([
      '摸排建档（关庙村（儿童主任））',
      '关庙村（儿童主任）将孩子列为重点关注',
      '关庙村（儿童主任）取消了重点关注',
    ]);
    expect((await audited(id)).slice(1)).toEqual([
      { action: 'child_file.priority', detail: { priority: true } },
      { action: 'child_file.priority', detail: { priority: false } },
    ]);
  });

  it('lists only priority files with priority=true, every file with false or none, and refuses anything else', async () => {
    const marked = await open({ priority: true });
    const plain = await open();
    const list = (query: string) =>
      http<Answer<Page<ChildFileSummary>>>(
        sut.baseUrl,
        'GET',
        `/children?pageSize=50&division=${HOME_VILLAGE}${query}`,
        { token: coordinator.token },
      );

    const only = await list('&priority=true');
    const all = await list('&priority=false');
    const unfiltered = await list('');
    const wrong = await list('&priority=yes');

    const ids = (page: Page<ChildFileSummary>) => page.items.map((item) => item.id);
    expect(ids(only.body)).toContain(marked);
    expect(ids(only.body)).not.toContain(plain);
    expect(only.body.items.every((item) => item.priority)).toBe(true);
    for (const page of [all.body, unfiltered.body]) {
      expect(ids(page)).toEqual(expect.arrayContaining([marked, plain]));
    }
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toHaveProperty('priority');
  });

  it('refuses a flag that is not true or false, and a change by a unit that only holds an order', async () => {
    const refused = await http<Answer<object>>(sut.baseUrl, 'POST', '/children', {
      token: village.token,
      body: body({ priority: 'true' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({ priority: '重点关注只能是 true 或 false' });

    const reporter = await aReporterSession(sut.baseUrl);
    const report = await submitReport(sut.baseUrl, reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: HOME_VILLAGE },
    });
    await orderOf(sut.baseUrl, police.token, report.id, 'police');
    const [row]: { child_file_id: string }[] = await db.query(
      'SELECT child_file_id FROM reports WHERE id = ?',
      [report.id],
    );
    const byPolice = await patch(row.child_file_id, { priority: true }, police.token);
    expect(byPolice.status).toBe(403);
    expect((await detail(row.child_file_id)).priority).toBe(false);
  });
});
