import type {
  GuardianshipHandover,
  GuardianshipHandoverRequest,
  HandoffRequest,
  OrderDetail,
  OrderSummary,
  Page,
  Priority,
} from '@shouhu/shared';
import Taro from '@tarojs/taro';
import { ApiError } from './api-error';
import { API_BASE } from './config';
import {
  isHandover,
  isOrderDetail,
  isOrderPage,
  isOrderSummary,
  isUnitChoiceList,
} from './answers';
import { authorizedRequest, withSession } from './session';

export function listOrders(path: string): Promise<Page<OrderSummary>> {
  return authorizedRequest<Page<OrderSummary>>({ method: 'GET', path }, isOrderPage);
}

export function fetchOrder(id: string): Promise<OrderDetail> {
  return authorizedRequest<OrderDetail>({ method: 'GET', path: `/orders/${id}` }, isOrderDetail);
}

/** The body of each order action of api.md, by the path it is posted to. */
export interface OrderActionBodies {
  sign: Record<string, never>;
  contact: { at?: string; note?: string; latitude?: number; longitude?: number };
  notes: { text: string; reporterVisible: boolean };
  return: { reason: string };
  transfer: { unitId: string; reason: string };
  reassign: { unitId: string; reason: string };
  priority: { priority: Priority; reason: string };
  extension: { workingDays?: number; reason: string };
  'extension/decision': { approve: boolean; note?: string };
  resolve: { outcome: string; reporterSummary: string; detail: string };
  reopen: { reason: string };
}

export type OrderActionPath = keyof OrderActionBodies;

/** Where an order action is posted. */
export const orderActionPath = (id: string, action: OrderActionPath) => `/orders/${id}/${action}`;

/**
 * An order action under the Idempotency-Key made when the person pressed the button: sent again
 * with the same key (the network dropped the answer, or the staff outbox retries), the server
 * applies it once and answers as the first time.
 */
export function actOnOrder<A extends OrderActionPath>(
  id: string,
  action: A,
  body: OrderActionBodies[A],
  idempotencyKey: string,
): Promise<OrderSummary> {
  return authorizedRequest<OrderSummary>(
    {
      method: 'POST',
      path: orderActionPath(id, action),
      data: body,
      headers: { 'Idempotency-Key': idempotencyKey },
    },
    isOrderSummary,
  );
}

/** Units this order may be moved to by the caller (转办 by its unit, 改派 by the coordinator). */
export function fetchOrderUnits(id: string): Promise<{ id: string; name: string }[]> {
  return authorizedRequest<{ id: string; name: string }[]>(
    { method: 'GET', path: `/orders/${id}/units` },
    isUnitChoiceList,
  );
}

/**
 * Downloads one evidence file with the user's token into a temporary file for viewing; nothing is
 * saved to the album.
 */
export function viewAttachment(orderId: string, uploadId: string): Promise<string> {
  return withSession(async (token) => {
    const result = await Taro.downloadFile({
      url: `${API_BASE}/orders/${orderId}/attachments/${uploadId}`,
      header: { authorization: `Bearer ${token}` },
    });
    if (result.statusCode !== 200) throw ApiError.fromResponse(result.statusCode, undefined);
    return result.tempFilePath;
  });
}

/** 转接: the answer is the new assist order. */
export function handOff(orderId: string, body: HandoffRequest): Promise<OrderSummary> {
  return authorizedRequest(
    { method: 'POST', path: `/orders/${orderId}/handoff`, data: body },
    isOrderSummary,
  );
}

/** 书面交接 of a child taken into 临时监护. */
export function recordHandover(
  orderId: string,
  body: GuardianshipHandoverRequest,
): Promise<GuardianshipHandover> {
  return authorizedRequest(
    { method: 'POST', path: `/orders/${orderId}/handover`, data: body },
    isHandover,
  );
}
