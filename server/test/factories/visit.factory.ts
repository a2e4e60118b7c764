import { randomUUID } from 'node:crypto';
import type { CreateVisitRequest, VisitRecorded } from '@shouhu/shared';
import { http, type HttpResponse } from '../setup/http';

type Overrides = Partial<Omit<CreateVisitRequest, 'checks'>> & {
  checks?: Partial<CreateVisitRequest['checks']>;
};

/** A valid visit body, made an hour before `now`; tests override only what they are about. */
export function aVisit(overrides: Overrides = {}, now = new Date()): CreateVisitRequest {
  const { checks, ...rest } = overrides;
  return {
    at: new Date(now.getTime() - 3600_000).toISOString(),
    latitude: 33.4801,
    longitude: 117.8812,
    met: ['child', 'carer'],
    findings: '孩子和奶奶在家，作业按时完成。',
    ...rest,
    checks: {
      family: { result: 'normal' },
      guardianship: { result: 'concern', finding: '奶奶腿脚不便，做饭有困难。' },
      schooling: { result: 'normal' },
      wellbeing: { result: 'normal', finding: '精神不错。' },
      ...checks,
    },
  };
}

/** `POST /children/:id/visits` with a fresh Idempotency-Key unless one is given. */
export function postVisit(
  baseUrl: string,
  token: string | undefined,
  fileId: string,
  body: unknown,
  key: string = randomUUID(),
): Promise<HttpResponse<VisitRecorded & { code?: string; errors?: Record<string, string> }>> {
  return http(baseUrl, 'POST', `/children/${fileId}/visits`, {
    token,
    body,
    headers: { 'idempotency-key': key },
  });
}
