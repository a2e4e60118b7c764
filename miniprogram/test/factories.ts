import { act, fireEvent } from '@testing-library/react';
import { emptyReportForm, type Evidence, type ReportForm } from '../src/pages/report/report-form';

/**
 * A form every step accepts: no danger, a dropout (whereabouts known) in 泗县, a description long
 * enough.
 */
export function aFilledForm(overrides: Partial<ReportForm> = {}): ReportForm {
  return {
    ...emptyReportForm([
      { code: '34', name: '安徽省' },
      { code: '3413', name: '宿州市' },
      { code: '341324', name: '泗县' },
    ]),
    immediateDanger: false,
    situations: ['dropout'],
    whereaboutsUnknown: false,
    description: '孩子已经两周没有来上学了。',
    ...overrides,
  };
}

export function anEvidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    localId: 'local-1',
    path: 'blob:photo-1',
    kind: 'image',
    uploadId: '6f1c1f39-3a47-4d6c-9a7e-0d8f2b3c4d5e',
    failed: false,
    ...overrides,
  };
}

/** A tap, with React's updates flushed. */
export const tap = (element: Element) => act(async () => void fireEvent.click(element));
