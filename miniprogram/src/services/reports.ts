import type { CreateReportRequest, ReportCreatedResponse } from '@shouhu/shared';
import { authorizedRequest } from './session';

export function submitReport(
  report: CreateReportRequest,
  idempotencyKey: string,
): Promise<ReportCreatedResponse> {
  return authorizedRequest<ReportCreatedResponse>({
    method: 'POST',
    path: '/reports',
    data: report,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
