import { randomUUID } from 'node:crypto';
import type {
  CreateReportRequest,
  OrderSummary,
  Page,
  ReceivingDepartment,
  ReportCreatedResponse,
} from '@shouhu/shared';
import { http } from '../setup/http';
import { aReport } from './report.factory';

export async function submitReport(
  baseUrl: string,
  token: string,
  overrides: Parameters<typeof aReport>[0] = {},
): Promise<ReportCreatedResponse> {
  const response = await http<ReportCreatedResponse>(baseUrl, 'POST', '/reports', {
    token,
    body: aReport(overrides) satisfies CreateReportRequest,
    headers: { 'idempotency-key': randomUUID() },
  });
  if (response.status !== 201) {
    throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The order of a report that a handler or coordinator sees in their list. */
export async function orderOf(
  baseUrl: string,
  token: string,
  reportId: string,
  department: ReceivingDepartment,
): Promise<OrderSummary> {
  // Page through: suites that file many reports have more orders than one page holds.
  for (let page = 1; ; page++) {
    const response = await http<Page<OrderSummary>>(
      baseUrl,
      'GET',
      `/orders?pageSize=100&page=${page}`,
      { token },
    );
    const items = response.body.items ?? [];
    const order = items.find((o) => o.reportId === reportId && o.department === department);
    if (order) return order;
    if (items.length === 0 || page * 100 >= response.body.total) {
      throw new Error(`no ${department} order of report ${reportId} in the list`);
    }
  }
}

export async function act(
  baseUrl: string,
  token: string,
  orderId: string,
  action: string,
  body?: unknown,
): Promise<OrderSummary> {
  const response = await http<OrderSummary>(baseUrl, 'POST', `/orders/${orderId}/${action}`, {
    token,
    body,
  });
  if (response.status !== 200) {
    throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** The department's handler signs its order of the report and resolves it; returns the order. */
export async function signAndResolve(
  baseUrl: string,
  token: string,
  reportId: string,
  department: ReceivingDepartment,
  resolution: { outcome: string; reporterSummary: string; detail: string },
): Promise<OrderSummary> {
  const order = await orderOf(baseUrl, token, reportId, department);
  await act(baseUrl, token, order.id, 'sign');
  return act(baseUrl, token, order.id, 'resolve', resolution);
}
