import type { CallbackRequest, HotlineCallback } from '@shouhu/shared';
import { isHotlineCallbackList } from './answers';
import { authorizedRequest } from './session';

/** `GET /hotline/callbacks`: the operator's closed hotline reports still to be called back. */
export function listCallbacks(): Promise<HotlineCallback[]> {
  return authorizedRequest<HotlineCallback[]>(
    { method: 'GET', path: '/hotline/callbacks' },
    isHotlineCallbackList,
  );
}

/** `POST /reports/:id/callback`; answers the list as it is after the call. */
export function recordCallback(
  reportId: string,
  call: CallbackRequest,
): Promise<HotlineCallback[]> {
  return authorizedRequest<HotlineCallback[]>(
    { method: 'POST', path: `/reports/${reportId}/callback`, data: call },
    isHotlineCallbackList,
  );
}
