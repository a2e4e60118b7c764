import {
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  type Channel,
  type CreateReportRequest,
  type SituationCode,
} from '@shouhu/shared';

export type Identity = 'anonymous' | 'confidential' | 'named';

export interface ReportForm {
  immediateDanger: boolean | null;
  situations: SituationCode[];
  description: string;
  /** 省 → 市 → 县 → 乡镇 → 村, as far as the reporter knows. */
  division: { code: string; name: string }[];
  address: string;
  identity: Identity;
  reporterName: string;
  reporterPhone: string;
}

export function emptyReportForm(division: ReportForm['division'] = []): ReportForm {
  return {
    immediateDanger: null,
    situations: [],
    description: '',
    division,
    address: '',
    identity: 'confidential',
    reporterName: '',
    reporterPhone: '',
  };
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Counts characters the way the server does: an emoji or a rare 汉字 is one. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** What still needs fixing before the form can be sent, in the order the form asks for it. */
export function formProblems(form: ReportForm): string[] {
  const problems: string[] = [];
  if (form.immediateDanger === null) problems.push('请先回答：孩子现在有危险吗？');
  if (form.situations.length === 0) problems.push('请至少选择一种您看到的情况');
  const length = characterCount(form.description.trim());
  if (length < DESCRIPTION_MIN_LENGTH) {
    problems.push(`请把情况写得具体一些（至少${DESCRIPTION_MIN_LENGTH}个字）`);
  } else if (length > DESCRIPTION_MAX_LENGTH) {
    problems.push(`情况描述最多${DESCRIPTION_MAX_LENGTH}个字`);
  }
  if (form.division.length < 3) {
    problems.push('请选择孩子所在的县（区），能选到乡镇或村更好');
  }
  if (form.identity !== 'anonymous' && form.reporterPhone.trim() !== '') {
    if (!PHONE.test(form.reporterPhone.trim())) problems.push('电话应为手机号或带区号的固定电话');
  }
  return problems;
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function toReportRequest(
  form: ReportForm,
  channel: Channel,
  discoveredAt: Date,
): CreateReportRequest {
  const anonymous = form.identity === 'anonymous';
  return {
    channel,
    situations: form.situations,
    immediateDanger: form.immediateDanger === true,
    description: form.description.trim(),
    discoveredAt: discoveredAt.toISOString(),
    location: {
      divisionCode: form.division[form.division.length - 1]?.code ?? '',
      address: optional(form.address),
    },
    child: {},
    reporter: anonymous
      ? { anonymous: true }
      : {
          anonymous: false,
          confidential: form.identity === 'confidential',
          name: optional(form.reporterName),
          phone: optional(form.reporterPhone),
        },
  };
}

export function toggleSituation(selected: SituationCode[], code: SituationCode): SituationCode[] {
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
}
