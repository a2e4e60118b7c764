import { randomUUID } from 'node:crypto';
import type { CreateReportRequest } from '@shouhu/shared';
import { http } from '../setup/http';

type Overrides = Partial<Omit<CreateReportRequest, 'location' | 'child' | 'reporter'>> & {
  location?: Partial<CreateReportRequest['location']>;
  child?: CreateReportRequest['child'];
  reporter?: Partial<CreateReportRequest['reporter']>;
};

/** A valid report body; tests override only what they are about. */
export function aReport(overrides: Overrides = {}): CreateReportRequest {
  const { location, child, reporter, ...rest } = overrides;
  return {
    channel: 'public',
    situations: ['dropout'],
    immediateDanger: false,
    description: '孩子已经两周没有来上学，家里电话一直打不通。',
    discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
    ...rest,
    location: { divisionCode: '341324', address: '某镇某村三组', ...location },
    child: child ?? { name: '小明', gender: 'male', ageYears: 12 },
    reporter: {
      anonymous: false,
      confidential: true,
      name: '王老师',
      phone: '13800000000',
      ...reporter,
    },
  };
}

/**
 * `count` reports filed at the same moment about children of one village, each under its own
 * idempotency key, every third of a child in danger of violence: the statuses answered, in order.
 */
export async function simultaneousReports(
  baseUrl: string,
  token: string,
  count: number,
  divisionCode: string,
  overrides: Overrides = {},
): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await http(baseUrl, 'POST', '/reports', {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: aReport({
          situations: [i % 3 === 0 ? 'violence_abuse' : 'consultation'],
          child: {},
          ...overrides,
          location: { divisionCode, ...overrides.location },
        }),
      });
      return response.status;
    }),
  );
}
