import type {
  CreateReportRequest,
  ReportCreatedResponse,
  ReporterReportView,
} from '@shouhu/shared';
import Taro from '@tarojs/taro';
import { httpRequest } from './http';
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

export function fetchMyReports(): Promise<ReporterReportView[]> {
  return authorizedRequest<ReporterReportView[]>({ method: 'GET', path: '/reports/mine' });
}

export function fetchMyReport(id: string): Promise<ReporterReportView> {
  return authorizedRequest<ReporterReportView>({ method: 'GET', path: `/reports/${id}` });
}

/** Anyone with the code may look; no login needed. */
export function trackReport(code: string): Promise<ReporterReportView> {
  return httpRequest<ReporterReportView>({
    method: 'GET',
    path: `/track/${encodeURIComponent(code)}`,
  });
}

export function rateReport(
  id: string,
  score: number,
  comment: string,
): Promise<ReporterReportView> {
  return authorizedRequest<ReporterReportView>({
    method: 'POST',
    path: `/reports/${id}/rating`,
    data: comment.trim() ? { score, comment: comment.trim() } : { score },
  });
}

const receiptKey = (id: string) => `shouhu.receipt.${id}`;

/** The server's answer to a filed report, kept so the receipt can show who got it and by when. */
export function keepReceipt(created: ReportCreatedResponse): void {
  Taro.setStorageSync(receiptKey(created.id), created);
}

export function keptReceipt(id: string): ReportCreatedResponse | null {
  return Taro.getStorageSync<ReportCreatedResponse>(receiptKey(id)) || null;
}
