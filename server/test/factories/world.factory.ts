import type { AuthResponse, Unit } from '@shouhu/shared';
import { aSessionWith, aReporterSession, anAdminSession } from './session.factory';
import { aUnit } from './unit.factory';

/** Two counties of 宿州: 泗县 (341324), where things happen, and 萧县 (341322), next door. */
export const HOME_COUNTY = '341324';
export const OTHER_COUNTY = '341322';
/** 泗城镇 and 墩集镇 of 泗县, 龙城镇 of 萧县. */
export const HOME_TOWN = '341324100';
export const HOME_TOWN_2 = '341324101';
export const OTHER_TOWN = '341322100';
/** 关庙村委会 of 泗城镇: a village no unit of the world covers by itself. */
export const HOME_VILLAGE = '341324100203';

export interface World {
  units: {
    city: Unit;
    homeCoordinator: Unit;
    otherCoordinator: Unit;
    homeTownship: Unit;
    homeTownship2: Unit;
    otherTownship: Unit;
  };
}

/** A city coordinator over two county coordinators, and three township units. */
export async function aWorld(baseUrl: string): Promise<World> {
  const city = await aUnit(baseUrl, {
    name: '宿州市联席办',
    department: 'coordinator',
    divisionPrefixes: ['3413'],
  });
  const [homeCoordinator, otherCoordinator, homeTownship, homeTownship2, otherTownship] =
    await Promise.all([
      aUnit(baseUrl, {
        name: '泗县联席办',
        department: 'coordinator',
        divisionPrefixes: [HOME_COUNTY],
        parentId: city.id,
      }),
      aUnit(baseUrl, {
        name: '萧县联席办',
        department: 'coordinator',
        divisionPrefixes: [OTHER_COUNTY],
        parentId: city.id,
      }),
      aUnit(baseUrl, {
        name: '泗城镇督导站',
        department: 'township',
        divisionPrefixes: [HOME_TOWN],
      }),
      aUnit(baseUrl, {
        name: '墩集镇督导站',
        department: 'township',
        divisionPrefixes: [HOME_TOWN_2],
      }),
      aUnit(baseUrl, {
        name: '龙城镇督导站',
        department: 'township',
        divisionPrefixes: [OTHER_TOWN],
      }),
    ]);
  return {
    units: { city, homeCoordinator, otherCoordinator, homeTownship, homeTownship2, otherTownship },
  };
}

/** The callers every endpoint is checked against. */
export const ROLE_NAMES = [
  'anonymous',
  'reporter',
  'otherReporter',
  'mandatedReporter',
  'handler',
  'otherHandler',
  'coordinator',
  'otherCoordinator',
  'hotlineOperator',
  'admin',
] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

/** A new session of the given role in the world; `anonymous` has none. */
export function sessionFor(
  baseUrl: string,
  world: World,
  role: RoleName,
): Promise<AuthResponse | null> {
  const { units } = world;
  switch (role) {
    case 'anonymous':
      return Promise.resolve(null);
    case 'reporter':
    case 'otherReporter':
      return aReporterSession(baseUrl);
    case 'mandatedReporter':
      return aSessionWith(baseUrl, {
        role: 'mandated_reporter',
        orgName: '泗县某镇中心小学',
        orgType: 'school',
      });
    case 'handler':
      return aSessionWith(baseUrl, { role: 'handler', unitId: units.homeTownship.id });
    case 'otherHandler':
      return aSessionWith(baseUrl, { role: 'handler', unitId: units.otherTownship.id });
    case 'coordinator':
      return aSessionWith(baseUrl, { role: 'coordinator', unitId: units.homeCoordinator.id });
    case 'otherCoordinator':
      return aSessionWith(baseUrl, { role: 'coordinator', unitId: units.otherCoordinator.id });
    case 'hotlineOperator':
      return aSessionWith(baseUrl, { role: 'hotline_operator' });
    case 'admin':
      return anAdminSession(baseUrl);
  }
}

/** A session for each role. */
export async function sessionsFor(
  baseUrl: string,
  world: World,
): Promise<Record<RoleName, AuthResponse | null>> {
  const sessions = await Promise.all(ROLE_NAMES.map((role) => sessionFor(baseUrl, world, role)));
  return Object.fromEntries(ROLE_NAMES.map((role, i) => [role, sessions[i]])) as Record<
    RoleName,
    AuthResponse | null
  >;
}
