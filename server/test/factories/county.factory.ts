import type { AuthResponse, Unit } from '@shouhu/shared';
import type { DeliveryTally } from '../../src/notifications/delivery';
import { http } from '../setup/http';
import { aReporterSession, aSessionWith, anAdminSession } from './session.factory';
import { aUnit } from './unit.factory';

/** 泗县 with every department, and one township (泗城镇) with a supervisor; 墩集镇 has none. */
export const COUNTY = '341324';
export const TOWN = '341324100';
export const TOWN_WITHOUT_SUPERVISOR = '341324101';

export interface County {
  units: Record<'city' | 'coordinator' | 'police' | 'civil' | 'township' | 'education', Unit>;
  sessions: Record<
    'reporter' | 'admin' | 'coordinator' | 'police' | 'civil' | 'township' | 'education',
    AuthResponse
  >;
  /** Sets the server's simulated clock (SIMULATED_CLOCK=true). */
  setClock(now: string | Date): Promise<void>;
  sweep(): Promise<{ orders: number; events: number }>;
  /** Runs the subscribe-message sender at once (SIMULATED_CLOCK=true). */
  sendNotifications(): Promise<DeliveryTally>;
}

export async function aCounty(baseUrl: string): Promise<County> {
  const city = await aUnit(baseUrl, {
    name: '宿州市联席办',
    department: 'coordinator',
    divisionPrefixes: ['3413'],
  });
  const coordinator = await aUnit(baseUrl, {
    name: '泗县联席办',
    department: 'coordinator',
    divisionPrefixes: [COUNTY],
    parentId: city.id,
  });
  const [police, civil, township, education] = await Promise.all([
    aUnit(baseUrl, { name: '泗县公安局', department: 'police', divisionPrefixes: [COUNTY] }),
    aUnit(baseUrl, { name: '泗县民政局', department: 'civil_affairs', divisionPrefixes: [COUNTY] }),
    aUnit(baseUrl, { name: '泗城镇儿童督导站', department: 'township', divisionPrefixes: [TOWN] }),
    aUnit(baseUrl, { name: '泗县教育局', department: 'education', divisionPrefixes: [COUNTY] }),
  ]);
  const handler = (unit: Unit) => aSessionWith(baseUrl, { role: 'handler', unitId: unit.id });
  const admin = await anAdminSession(baseUrl);
  const sessions = {
    reporter: await aReporterSession(baseUrl),
    admin,
    coordinator: await aSessionWith(baseUrl, { role: 'coordinator', unitId: coordinator.id }),
    police: await handler(police),
    civil: await handler(civil),
    township: await handler(township),
    education: await handler(education),
  };
  return {
    units: { city, coordinator, police, civil, township, education },
    sessions,
    async setClock(now) {
      const response = await http(baseUrl, 'PUT', '/admin/clock', {
        token: admin.token,
        body: { now: new Date(now).toISOString() },
      });
      if (response.status !== 200) throw new Error(`clock: ${response.status}`);
    },
    async sweep() {
      const response = await http<{ orders: number; events: number }>(
        baseUrl,
        'POST',
        '/admin/sla/sweep',
        {
          token: admin.token,
        },
      );
      if (response.status !== 200) throw new Error(`sweep: ${response.status}`);
      return response.body;
    },
    async sendNotifications() {
      const response = await http<DeliveryTally>(baseUrl, 'POST', '/admin/notifications/send', {
        token: admin.token,
      });
      if (response.status !== 200) throw new Error(`send: ${response.status}`);
      return response.body;
    },
  };
}
