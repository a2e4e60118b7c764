import type { CreateUnitRequest, Unit } from '@shouhu/shared';
import { http } from '../setup/http';
import { anAdminSession } from './session.factory';

export async function aUnit(
  baseUrl: string,
  overrides: Partial<CreateUnitRequest> = {},
): Promise<Unit> {
  const admin = await anAdminSession(baseUrl);
  const response = await http<Unit>(baseUrl, 'POST', '/admin/units', {
    token: admin.token,
    body: {
      name: '泗县某镇儿童督导站',
      department: 'township',
      divisionPrefixes: ['341324100'],
      ...overrides,
    },
  });
  if (response.status !== 201) {
    throw new Error(`unit failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * A second township's supervisor unit (草沟镇) beside the test county's own, for orders moved
 * between townships; its id.
 */
export async function aSecondTownship(baseUrl: string, county: string): Promise<string> {
  const unit = await aUnit(baseUrl, {
    name: '草沟镇儿童督导站',
    department: 'township',
    divisionPrefixes: [`${county}103`],
  });
  return unit.id;
}
