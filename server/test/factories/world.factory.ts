import type { AuthResponse, Unit } from '@shouhu/shared';
import { aSessionWith, aReporterSession, anAdminSession } from './session.factory';
import { aUnit } from './unit.factory';

/** Two counties of 宿州: 泗县 (341324), where things happen, and 萧县 (341322), next door. */
export const HOME_COUNTY = '341324';
export const OTHER_COUNTY = '341322';

export interface World {
  units: {
    homeCoordinator: Unit;
    otherCoordinator: Unit;
    homeTownship: Unit;
    otherTownship: Unit;
  };
}

export async function aWorld(baseUrl: string): Promise<World> {
  const [homeCoordinator, otherCoordinator, homeTownship, otherTownship] = await Promise.all([
    aUnit(baseUrl, {
      name: '泗县联席办',
      department: 'coordinator',
      divisionPrefixes: [HOME_COUNTY],
    }),
    aUnit(baseUrl, {
      name: '萧县联席办',
      department: 'coordinator',
      divisionPrefixes: [OTHER_COUNTY],
    }),
    aUnit(baseUrl, {
      name: '泗县某镇督导站',
      department: 'township',
      divisionPrefixes: [`${HOME_COUNTY}100`],
    }),
    aUnit(baseUrl, {
      name: '萧县某镇督导站',
      department: 'township',
      divisionPrefixes: [`${OTHER_COUNTY}100`],
    }),
  ]);
  return { units: { homeCoordinator, otherCoordinator, homeTownship, otherTownship } };
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

/** A session for each role; `anonymous` has none. */
export async function sessionsFor(
  baseUrl: string,
  world: World,
): Promise<Record<RoleName, AuthResponse | null>> {
  const { units } = world;
  const [
    reporter,
    otherReporter,
    mandatedReporter,
    handler,
    otherHandler,
    coordinator,
    otherCoordinator,
    hotlineOperator,
    admin,
  ] = await Promise.all([
    aReporterSession(baseUrl),
    aReporterSession(baseUrl),
    aSessionWith(baseUrl, {
      role: 'mandated_reporter',
      orgName: '泗县某镇中心小学',
      orgType: 'school',
    }),
    aSessionWith(baseUrl, { role: 'handler', unitId: units.homeTownship.id }),
    aSessionWith(baseUrl, { role: 'handler', unitId: units.otherTownship.id }),
    aSessionWith(baseUrl, { role: 'coordinator', unitId: units.homeCoordinator.id }),
    aSessionWith(baseUrl, { role: 'coordinator', unitId: units.otherCoordinator.id }),
    aSessionWith(baseUrl, { role: 'hotline_operator' }),
    anAdminSession(baseUrl),
  ]);
  return {
    anonymous: null,
    reporter,
    otherReporter,
    mandatedReporter,
    handler,
    otherHandler,
    coordinator,
    otherCoordinator,
    hotlineOperator,
    admin,
  };
}
