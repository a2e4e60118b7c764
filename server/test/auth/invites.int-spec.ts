import type {
  ApiErrorBody,
  AuditEntry,
  AuthResponse,
  AuthUser,
  Invite,
  Page,
  ReportCreatedResponse,
} from '@shouhu/shared';
import { randomUUID } from 'node:crypto';
import { aReport } from '../factories/report.factory';
import {
  aReporterSession,
  aSessionWith,
  anAdminSession,
  anInvite,
} from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import {
  ROLE_NAMES,
  aWorld,
  sessionsFor,
  type RoleName,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

describe('invitations', () => {
  const clock = new TestClock();
  let sut: TestApp;
  let world: World;
  let admin: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { INVITE_TTL_HOURS: '72' } });
    world = await aWorld(sut.baseUrl);
    admin = await anAdminSession(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const redeem = (token: string, code: string) =>
    http<AuthResponse & ApiErrorBody>(sut.baseUrl, 'POST', '/auth/redeem', {
      token,
      body: { code },
    });

  it('binds a handler to the unit the invitation names, and tells the app its department and divisions', async () => {
    const invite = await anInvite(sut.baseUrl, admin.token, {
      role: 'handler',
      unitId: world.units.homeTownship.id,
    });
    const user = await aReporterSession(sut.baseUrl);

    const response = await redeem(user.token, invite.code.toLowerCase().replace(/-/g, ' '));

    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      roles: ['reporter', 'handler'],
      unitId: world.units.homeTownship.id,
      unitName: world.units.homeTownship.name,
      unitDepartment: 'township',
      unitDivisionPrefixes: world.units.homeTownship.divisionPrefixes,
    });
  });

  it.each(['handler', 'coordinator'] as const)(
    'refuses an admin the %s role, which would show them the child and the reporter, and keeps the code unused',
    async (role) => {
      const invite = await anInvite(sut.baseUrl, admin.token, {
        role,
        unitId: role === 'handler' ? world.units.homeTownship.id : world.units.homeCoordinator.id,
      });

      const refused = await redeem(admin.token, invite.code);
      const me = await http<AuthUser>(sut.baseUrl, 'GET', '/auth/me', { token: admin.token });
      const rightful = await redeem((await aReporterSession(sut.baseUrl)).token, invite.code);

      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CONFLICT');
      expect(refused.body.message).toContain('管理员账号不能同时担任办理人员或协调员');
      expect(me.body.roles).not.toContain(role);
      expect(rightful.status).toBe(200);
      expect(rightful.body.user.roles).toContain(role);
    },
  );

  it('is single use', async () => {
    const invite = await anInvite(sut.baseUrl, admin.token, { role: 'hotline_operator' });
    await redeem((await aReporterSession(sut.baseUrl)).token, invite.code);

    const second = await redeem((await aReporterSession(sut.baseUrl)).token, invite.code);

    expect(second.status).toBe(400);
    expect(second.body.code).toBe('INVITE_INVALID');
  });

  it('lets exactly one of two simultaneous redemptions win', async () => {
    const invite = await anInvite(sut.baseUrl, admin.token, { role: 'hotline_operator' });
    const users = await Promise.all([aReporterSession(sut.baseUrl), aReporterSession(sut.baseUrl)]);

    const responses = await Promise.all(users.map((u) => redeem(u.token, invite.code)));

    expect(responses.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('expires', async () => {
    const invite = await anInvite(sut.baseUrl, admin.token, { role: 'hotline_operator' });
    clock.advance(72 * 3600_000);
    try {
      const response = await redeem((await aReporterSession(sut.baseUrl)).token, invite.code);

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVITE_INVALID');
    } finally {
      clock.advance(-72 * 3600_000);
    }
  });

  it('refuses a code that was never issued', async () => {
    const response = await redeem((await aReporterSession(sut.baseUrl)).token, 'ACDE-FGHJ-KMNP');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVITE_INVALID');
  });

  it('makes a mandated reporter whose reports carry the institution', async () => {
    const teacher = await aSessionWith(sut.baseUrl, {
      role: 'mandated_reporter',
      orgName: '泗县某镇中心小学',
      orgType: 'school',
    });

    const me = await http<AuthUser>(sut.baseUrl, 'GET', '/auth/me', { token: teacher.token });
    const report = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: teacher.token,
      body: aReport({ channel: 'mandatory' }),
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(me.body).toMatchObject({
      roles: ['reporter', 'mandated_reporter'],
      orgName: '泗县某镇中心小学',
      orgType: 'school',
    });
    expect(report.status).toBe(201);
  });

  it.each([
    ['mandatory', '强制报告需要先绑定所在单位'],
    ['hotline', '只有热线接线员可以登记热线来电'],
  ] as const)('refuses a %s report from someone without the role', async (channel, message) => {
    const user = await aReporterSession(sut.baseUrl);

    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token: user.token,
      body: aReport({ channel }),
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(response.status).toBe(403);
    expect(response.body.message).toContain(message);
  });

  describe('issued by a coordinator', () => {
    let coordinator: AuthResponse;
    beforeAll(async () => {
      coordinator = await aSessionWith(sut.baseUrl, {
        role: 'coordinator',
        unitId: world.units.homeCoordinator.id,
      });
    });

    const invite = (body: unknown) =>
      http<Invite & ApiErrorBody>(sut.baseUrl, 'POST', '/admin/invites', {
        token: coordinator.token,
        body,
      });

    it('may bring a handler into a unit of their county', async () => {
      const response = await invite({ role: 'handler', unitId: world.units.homeTownship.id });

      expect(response.status).toBe(201);
      expect(response.body.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    });

    it('answers 404 for a unit of another county', async () => {
      const response = await invite({ role: 'handler', unitId: world.units.otherTownship.id });

      expect(response.status).toBe(404);
    });

    it('may not create coordinators or mandated reporters', async () => {
      const response = await invite({
        role: 'coordinator',
        unitId: world.units.homeCoordinator.id,
      });

      expect(response.status).toBe(403);
    });
  });

  it.each([
    [{ role: 'handler' }, 'unitId'],
    [{ role: 'handler', unitId: 'not-a-uuid' }, 'unitId'],
    [{ role: 'mandated_reporter', orgType: 'school' }, 'orgName'],
    [{ role: 'hotline_operator', orgName: '某热线' }, 'orgName'],
    [{ role: 'admin' }, 'role'],
  ])('refuses the invitation %j', async (body, field) => {
    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/admin/invites', {
      token: admin.token,
      body,
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveProperty([field]);
  });

  it('refuses to make a handler a member of a coordinator unit', async () => {
    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/admin/invites', {
      token: admin.token,
      body: { role: 'handler', unitId: world.units.homeCoordinator.id },
    });

    expect(response.status).toBe(400);
  });

  describe('into units of every kind, by every role', () => {
    type Target =
      | 'homeTownship'
      | 'homeVillage'
      | 'homeVillage2'
      | 'homeTown2Village'
      | 'otherCountyVillage'
      | 'police'
      | 'homeCoordinator';
    const TARGETS: Target[] = [
      'homeTownship',
      'homeVillage',
      'homeVillage2',
      'homeTown2Village',
      'otherCountyVillage',
      'police',
      'homeCoordinator',
    ];
    const NOT_A_UNIT_ROLE = 403;
    /**
     * A handler invitation into each kind of unit. The world's handler is 泗城镇's supervisor,
     * whose station is the parent of homeVillage and homeVillage2; otherHandler is 萧县 龙城镇's,
     * the parent of otherCountyVillage; `village` is 关庙村's 儿童主任.
     */
    const EXPECTED: Record<RoleName, Record<Target, number>> = {
      anonymous: each(401),
      reporter: each(NOT_A_UNIT_ROLE),
      otherReporter: each(NOT_A_UNIT_ROLE),
      mandatedReporter: each(NOT_A_UNIT_ROLE),
      hotlineOperator: each(NOT_A_UNIT_ROLE),
      handler: {
        ...each(404),
        homeTownship: 403,
        homeVillage: 201,
        homeVillage2: 201,
      },
      otherHandler: { ...each(404), otherCountyVillage: 201 },
      village: each(403),
      coordinator: { ...each(201), otherCountyVillage: 404, homeCoordinator: 400 },
      otherCoordinator: { ...each(404), otherCountyVillage: 201 },
      admin: { ...each(201), homeCoordinator: 400 },
    };
    function each(status: number): Record<Target, number> {
      return Object.fromEntries(TARGETS.map((t) => [t, status])) as Record<Target, number>;
    }

    let sessions: Record<RoleName, AuthResponse | null>;
    let units: Record<Target, string>;

    beforeAll(async () => {
      sessions = await sessionsFor(sut.baseUrl, world);
      const police = await aUnit(sut.baseUrl, {
        department: 'police',
        divisionPrefixes: ['341324'],
      });
      const otherCountyVillage = await aUnit(sut.baseUrl, {
        name: '龙霄社区（儿童主任）',
        department: 'village',
        divisionPrefixes: ['341322100002'],
        parentId: world.units.otherTownship.id,
      });
      units = {
        homeTownship: world.units.homeTownship.id,
        homeVillage: world.units.homeVillage.id,
        homeVillage2: world.units.homeVillage2.id,
        homeTown2Village: world.units.homeTown2Village.id,
        otherCountyVillage: otherCountyVillage.id,
        police: police.id,
        homeCoordinator: world.units.homeCoordinator.id,
      };
    });

    it('answers each role and unit as the rules say', async () => {
      const mismatches: string[] = [];
      for (const role of ROLE_NAMES) {
        for (const target of TARGETS) {
          const response = await http<Invite & ApiErrorBody>(
            sut.baseUrl,
            'POST',
            '/admin/invites',
            {
              token: sessions[role]?.token,
              body: { role: 'handler', unitId: units[target] },
            },
          );
          if (response.status !== EXPECTED[role][target]) {
            mismatches.push(
              `${role} → ${target}: expected ${EXPECTED[role][target]}, got ${response.status} ${JSON.stringify(response.body)}`,
            );
          }
        }
      }

      expect(mismatches).toEqual([]);
    });

    it('lets the supervisor’s 儿童主任 redeem it into the village unit, as a handler of a village', async () => {
      const invite = await anInvite(sut.baseUrl, sessions.handler!.token, {
        role: 'handler',
        unitId: world.units.homeVillage2.id,
      });

      const redeemed = await redeem((await aReporterSession(sut.baseUrl)).token, invite.code);
      const audit = await http<Page<AuditEntry>>(sut.baseUrl, 'GET', '/audit?pageSize=200', {
        token: admin.token,
      });
      expect(redeemed.status).toBe(200);
      expect(redeemed.body.user).toMatchObject({
        roles: ['reporter', 'handler'],
        unitId: world.units.homeVillage2.id,
        unitDepartment: 'village',
        unitDivisionPrefixes: ['341324100207'],
      });
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({
          action: 'invite.create',
          actorUserId: sessions.handler!.user.id,
          actorUnitId: world.units.homeTownship.id,
          divisionCode: '341324100207',
        }),
      );
    });

    it.each(['coordinator', 'hotline_operator', 'mandated_reporter'] as const)(
      'refuses the township supervisor a %s invitation, with a message',
      async (role) => {
        const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/admin/invites', {
          token: sessions.handler?.token,
          body:
            role === 'mandated_reporter'
              ? { role, orgName: '某村委会', orgType: 'village_committee' }
              : role === 'coordinator'
                ? { role, unitId: world.units.homeCoordinator.id }
                : { role },
        });

        expect(response.status).toBe(403);
        expect(response.body.message).toContain('乡镇儿童督导员只能邀请本镇村（居）委会的儿童主任');
      },
    );

    it('tells a village 儿童主任 and a police handler that only supervisors invite', async () => {
      const police = await aSessionWith(sut.baseUrl, { role: 'handler', unitId: units.police });
      for (const caller of [sessions.village!, police]) {
        const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/admin/invites', {
          token: caller.token,
          body: { role: 'handler', unitId: world.units.homeVillage2.id },
        });

        expect(response.status).toBe(403);
        expect(response.body.message).toContain('乡镇儿童督导员只能邀请');
      }
    });
  });
});
