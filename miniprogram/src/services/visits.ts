import Taro from '@tarojs/taro';
import type { CreateVisitRequest, DueVisit, Page } from '@shouhu/shared';
import { emptyVisitForm, type VisitForm } from '../children/visit-form';
import { isDueVisitPage } from './answers';
import { authorizedRequest } from './session';
import type { StaffRequest } from './staff-outbox';
import { loadVisitDraft, saveVisitDraft, visitDraftKey } from './visit-drafts';

/**
 * `GET /visits?due=true`: the visits due for the caller's unit, a page at a time; with
 * `withinDays`, only those due within that many days (overdue included; 0: the overdue ones).
 */
export function listDueVisits(
  page: number,
  pageSize: number,
  withinDays: number | null,
): Promise<Page<DueVisit>> {
  const within = withinDays === null ? '' : `&within=${withinDays}`;
  return authorizedRequest(
    { method: 'GET', path: `/visits?due=true${within}&page=${page}&pageSize=${pageSize}` },
    isDueVisitPage,
  );
}

/** The pages that open the visit form: the file's own page, and the 走访 list. */
export type VisitFormOpener = 'file' | 'visits';

/**
 * The page of the visit form of a file; `from` names the page that opened it, which the form goes
 * back to once the record is queued (without it, the form opens the file in its place).
 */
export const visitFormUrl = (fileId: string, from?: VisitFormOpener) =>
  `/children/visit/index?fileId=${fileId}${from ? `&from=${from}` : ''}`;

/**
 * Opens 记录走访 for a file from `from`, its draft kept as typed, with the child's name the opening
 * page shows, so the form says whom it is for even with no signal.
 */
export function openVisitForm(fileId: string, childName: string, from: VisitFormOpener): void {
  const draft = loadVisitDraft(fileId);
  saveVisitDraft(fileId, draft ? { ...draft, childName } : emptyVisitForm(childName));
  void Taro.navigateTo({ url: visitFormUrl(fileId, from) });
}

/**
 * A visit record as the staff outbox keeps it (`POST /children/:id/visits`), under the key made at
 * the press of 提交; refused, the form comes back as the file's draft.
 */
export function visitRequest(
  fileId: string,
  body: CreateVisitRequest,
  idempotencyKey: string,
  form: VisitForm,
): StaffRequest {
  return {
    idempotencyKey,
    method: 'POST',
    path: `/children/${fileId}/visits`,
    body,
    label: '走访记录',
    page: visitFormUrl(fileId),
    restore: { key: visitDraftKey(fileId), value: form },
    sentToast: '走访记录已发送',
  };
}
