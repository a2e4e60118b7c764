import Taro from '@tarojs/taro';
import { emptyVisitForm, type VisitForm } from '../children/visit-form';

/** A visit being recorded (记录走访), one per file, kept on the phone until it is queued. */
export const visitDraftKey = (fileId: string) => `shouhu.draft.visit.${fileId}`;

/** The saved draft, completed with fields added since it was saved; null when there is none. */
export function loadVisitDraft(fileId: string): VisitForm | null {
  const saved = Taro.getStorageSync<Partial<VisitForm>>(visitDraftKey(fileId));
  if (!saved || typeof saved !== 'object') return null;
  const empty = emptyVisitForm();
  return {
    ...empty,
    ...saved,
    checks: { ...empty.checks, ...saved.checks },
    report: { ...empty.report, ...saved.report },
  };
}

export function saveVisitDraft(fileId: string, form: VisitForm): void {
  Taro.setStorageSync(visitDraftKey(fileId), form);
}

export function clearVisitDraft(fileId: string): void {
  Taro.removeStorageSync(visitDraftKey(fileId));
}
