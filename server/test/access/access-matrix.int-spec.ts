import { randomUUID } from 'node:crypto';
import type { AuthResponse, ReportCreatedResponse } from '@shouhu/shared';
import { aReport } from '../factories/report.factory';
import {
  aReporterSession,
  aSessionWith,
  anAdminSession,
  anInvite,
} from '../factories/session.factory';
import {
  ROLE_NAMES,
  aWorld,
  sessionsFor,
  type RoleName,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  /** Builds the request; called once per role, so each call may create what it consumes. */
  call: (world: World, caller: RoleName) => Promise<Call>;
  expected: Record<RoleName, number>;
  /** Calls that change the caller's own roles get a fresh caller of that role. */
  freshCaller?: boolean;
}

/** `allowed` for every logged-in role, 401 for anonymous. */
function statuses(allowed: number) {
  return Object.fromEntries(
    ROLE_NAMES.map((role) => [role, role === 'anonymous' ? 401 : allowed]),
  ) as Record<RoleName, number>;
}

/** 403 for every logged-in role except those listed, 401 for anonymous. */
function only(roles: Partial<Record<RoleName, number>>): Record<RoleName, number> {
  return { ...statuses(403), ...roles };
}

const everyone = (status: number): Record<RoleName, number> =>
  Object.fromEntries(ROLE_NAMES.map((role) => [role, status])) as Record<RoleName, number>;

describe('access matrix: every route × every role', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let world: World;
  let sessions: Record<RoleName, AuthResponse | null>;
  let reportOfReporter: ReportCreatedResponse;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: wechat.env });
    world = await aWorld(sut.baseUrl);
    sessions = await sessionsFor(sut.baseUrl, world);
    const created = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: sessions.reporter?.token,
      body: aReport(),
      headers: { 'idempotency-key': randomUUID() },
    });
    reportOfReporter = created.body;
  });

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  const matrix: Record<string, Row> = {
    'GET /health': { call: async () => ({ path: '/health' }), expected: everyone(200) },
    'POST /auth/dev': {
      call: async () => ({ path: '/auth/dev', body: { openid: `matrix-${randomUUID()}` } }),
      expected: everyone(200),
    },
    'POST /auth/wechat': {
      call: async () => ({ path: '/auth/wechat', body: { code: `ok:matrix-${randomUUID()}` } }),
      expected: everyone(200),
    },
    'GET /auth/me': { call: async () => ({ path: '/auth/me' }), expected: statuses(200) },
    'POST /auth/redeem': {
      call: async () => {
        const admin = await anAdminSession(sut.baseUrl);
        const invite = await anInvite(sut.baseUrl, admin.token, {
          role: 'mandated_reporter',
          orgName: '矩阵测试学校',
          orgType: 'school',
        });
        return { path: '/auth/redeem', body: { code: invite.code } };
      },
      expected: statuses(200),
      freshCaller: true,
    },
    'POST /reports': {
      call: async () => ({
        path: '/reports',
        body: aReport(),
        headers: { 'idempotency-key': randomUUID() },
      }),
      expected: statuses(201),
    },
    'GET /reports/:id': {
      call: async () => ({ path: `/reports/${reportOfReporter.id}` }),
      expected: { ...statuses(404), reporter: 200 },
    },
    'POST /admin/units': {
      call: async () => ({
        path: '/admin/units',
        body: { name: '矩阵测试单位', department: 'education', divisionPrefixes: ['341324'] },
      }),
      expected: only({ admin: 201 }),
    },
    'GET /admin/units': {
      call: async () => ({ path: '/admin/units' }),
      expected: only({ admin: 200, coordinator: 200, otherCoordinator: 200 }),
    },
    'POST /admin/invites': {
      call: async (w) => ({
        path: '/admin/invites',
        body: { role: 'handler', unitId: w.units.homeTownship.id },
      }),
      expected: only({ admin: 201, coordinator: 201, otherCoordinator: 404 }),
    },
    'POST /admin/users/:id/disable': {
      call: async () => {
        const target = await aReporterSession(sut.baseUrl);
        return { path: `/admin/users/${target.user.id}/disable` };
      },
      expected: only({ admin: 200 }),
    },
    'GET /audit': {
      call: async () => ({ path: '/audit' }),
      expected: only({ admin: 200, coordinator: 200, otherCoordinator: 200 }),
    },
  };

  async function freshSession(role: RoleName): Promise<AuthResponse | null> {
    const { units } = world;
    switch (role) {
      case 'anonymous':
        return null;
      case 'reporter':
      case 'otherReporter':
        return aReporterSession(sut.baseUrl);
      case 'mandatedReporter':
        return aSessionWith(sut.baseUrl, {
          role: 'mandated_reporter',
          orgName: '某小学',
          orgType: 'school',
        });
      case 'handler':
        return aSessionWith(sut.baseUrl, { role: 'handler', unitId: units.homeTownship.id });
      case 'otherHandler':
        return aSessionWith(sut.baseUrl, { role: 'handler', unitId: units.otherTownship.id });
      case 'coordinator':
        return aSessionWith(sut.baseUrl, { role: 'coordinator', unitId: units.homeCoordinator.id });
      case 'otherCoordinator':
        return aSessionWith(sut.baseUrl, {
          role: 'coordinator',
          unitId: units.otherCoordinator.id,
        });
      case 'hotlineOperator':
        return aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
      case 'admin':
        return anAdminSession(sut.baseUrl);
    }
  }

  it('declares who may call every route', () => {
    const undeclared = routeTable(sut.app).filter((route) => !route.access?.length);

    expect(undeclared.map((r) => r.handler)).toEqual([]);
  });

  it('has a row for every route the server serves, and no row for a route it does not', () => {
    const served = routeTable(sut.app).map((route) => route.key);

    expect(Object.keys(matrix).sort()).toEqual(served);
  });

  it('answers each role as the access rules say', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of routeTable(sut.app)) {
      const row = matrix[route.key];
      const method = route.key.split(' ')[0];
      for (const role of ROLE_NAMES) {
        const caller = row.freshCaller ? await freshSession(role) : sessions[role];
        const call = await row.call(world, role);
        const response = await http(sut.baseUrl, method, call.path, {
          token: caller?.token,
          body: call.body,
          headers: call.headers,
        });
        checked++;
        if (response.status !== row.expected[role]) {
          mismatches.push(
            `${route.key} as ${role}: expected ${row.expected[role]}, got ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }

    expect(mismatches).toEqual([]);
    expect(checked).toBe(Object.keys(matrix).length * ROLE_NAMES.length);
  });
});
