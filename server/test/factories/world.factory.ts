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
/** 关庙村 and 胡陈村 of 泗城镇, 墩集村 of 墩集镇: each has a village unit (儿童主任). */
export const HOME_VILLAGE = '341324100203';
export const HOME_VILLAGE_2 = '341324100207';
export const HOME_TOWN_2_VILLAGE = '341324101200';

export interface World {
  units: {
    city: Unit;
    homeCoordinator: Unit;
    otherCoordinator: Unit;
    homeTownship: Unit;
    homeTownship2: Unit;
    otherTownship: Unit;
    /** Village units (儿童主任): two under homeTownship, one under homeTownship2. */
    homeVillage: Unit;
    homeVillage2: Unit;
    homeTown2Village: Unit;
  };
}

/**
 * A city coordinator over two county coordinators, three township units, and village units under
 * the two townships of the home county.
 */
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
  const village = (name: string, code: string, township: Unit) =>
    aUnit(baseUrl, {
      name,
      department: 'village',
      divisionPrefixes: [code],
      parentId: township.id,
    });
  const [homeVillage, homeVillage2, homeTown2Village] = await Promise.all([
    village('关庙村（儿童主任）', HOME_VILLAGE, homeTownship),
    village('胡陈村（儿童主任）', HOME_VILLAGE_2, homeTownship),
    village('墩集村（儿童主任）', HOME_TOWN_2_VILLAGE, homeTownship2),
  ]);
  return {
    units: {
      city,
      homeCoordinator,
      otherCoordinator,
      homeTownship,
      homeTownship2,
      otherTownship,
      homeVillage,
      homeVillage2,
      homeTown2Village,
    },
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
  /** A village 儿童主任 (homeVillage, under the handler's township): a handler holding no order. */
  'village',
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
    case 'village':
      return aSessionWith(baseUrl, { role: 'handler', unitId: units.homeVillage.id });
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
