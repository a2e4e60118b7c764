import type {
  CreateReportRequest,
  ReportCreatedResponse,
  ReporterReportView,
} from '@shouhu/shared';
import Taro from '@tarojs/taro';
import { isReportCreated, isReporterReportList, isReporterReportView } from './answers';
import { httpRequest } from './http';
import { authorizedRequest } from './session';

export function submitReport(
  report: CreateReportRequest,
  idempotencyKey: string,
): Promise<ReportCreatedResponse> {
  return authorizedRequest<ReportCreatedResponse>(
    {
      method: 'POST',
      path: '/reports',
      data: report,
      headers: { 'Idempotency-Key': idempotencyKey },
    },
    isReportCreated,
  );
}

export function fetchMyReports(): Promise<ReporterReportView[]> {
  return authorizedRequest<ReporterReportView[]>(
    { method: 'GET', path: '/reports/mine' },
    isReporterReportList,
  );
}

export function fetchMyReport(id: string): Promise<ReporterReportView> {
  return authorizedRequest<ReporterReportView>(
    { method: 'GET', path: `/reports/${id}` },
    isReporterReportView,
  );
}

/** Anyone with the code may look; no login needed. */
export function trackReport(code: string): Promise<ReporterReportView> {
  return httpRequest<ReporterReportView>(
    { method: 'GET', path: `/track/${encodeURIComponent(code)}` },
    isReporterReportView,
  );
}

export function rateReport(
  id: string,
  score: number,
  comment: string,
): Promise<ReporterReportView> {
  return authorizedRequest<ReporterReportView>(
    {
      method: 'POST',
      path: `/reports/${id}/rating`,
      data: comment.trim() ? { score, comment: comment.trim() } : { score },
    },
    isReporterReportView,
  );
}

const receiptKey = (id: string) => `shouhu.receipt.${id}`;

/** The server's answer to a filed report, kept so the receipt can show who got it and by when. */
export function keepReceipt(created: ReportCreatedResponse): void {
  Taro.setStorageSync(receiptKey(created.id), created);
}

export function keptReceipt(id: string): ReportCreatedResponse | null {
  return Taro.getStorageSync<ReportCreatedResponse>(receiptKey(id)) || null;
}
