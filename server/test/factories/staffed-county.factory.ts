import type { AuthResponse, OrgType, Unit } from '@shouhu/shared';
import { aReporterSession, aSessionWith, anAdminSession } from './session.factory';
import { aUnit } from './unit.factory';
import { HOME_COUNTY, aWorld, type World } from './world.factory';

/** Who reads the figures and the 台账 of the home county, or is refused them. */
export type CountyReader =
  | 'coordinator'
  | 'otherCoordinator'
  | 'township'
  | 'township2'
  | 'village'
  | 'police'
  | 'reporter'
  | 'mandated'
  | 'admin';

export interface StaffedCounty {
  world: World;
  /** County-wide units of 泗县 besides the world's: 泗县公安局 and 泗县教育局. */
  units: { police: Unit; education: Unit };
  /**
   * The coordinators of 泗县 and 萧县; handlers of 泗城镇, 墩集镇, 关庙村 and the police; a
   * reporter, a mandated reporter of a school (`overrides.mandated`) and the administrator.
   */
  sessions: Record<CountyReader, AuthResponse>;
}

/**
 * The two counties of `aWorld`, with 泗县's police and education units and a logged-in session for
 * each reader of the accountability figures and the 台账.
 */
export async function aStaffedCounty(
  baseUrl: string,
  overrides: { mandated?: { orgName: string; orgType: OrgType } } = {},
): Promise<StaffedCounty> {
  const world = await aWorld(baseUrl);
  const [police, education] = await Promise.all([
    aUnit(baseUrl, { name: '泗县公安局', department: 'police', divisionPrefixes: [HOME_COUNTY] }),
    aUnit(baseUrl, {
      name: '泗县教育局',
      department: 'education',
      divisionPrefixes: [HOME_COUNTY],
    }),
  ]);
  const handlerOf = (unit: Unit) => aSessionWith(baseUrl, { role: 'handler', unitId: unit.id });
  const coordinatorOf = (unit: Unit) =>
    aSessionWith(baseUrl, { role: 'coordinator', unitId: unit.id });
  const { units } = world;
  const sessions: Record<CountyReader, AuthResponse> = {
    coordinator: await coordinatorOf(units.homeCoordinator),
    otherCoordinator: await coordinatorOf(units.otherCoordinator),
    township: await handlerOf(units.homeTownship),
    township2: await handlerOf(units.homeTownship2),
    village: await handlerOf(units.homeVillage),
    police: await handlerOf(police),
    reporter: await aReporterSession(baseUrl),
    mandated: await aSessionWith(baseUrl, {
      role: 'mandated_reporter',
      ...(overrides.mandated ?? { orgName: '泗县第一小学', orgType: 'school' }),
    }),
    admin: await anAdminSession(baseUrl),
  };
  return { world, units: { police, education }, sessions };
}
