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
