import {
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  beijingInstant,
  isDivisionCode,
  reportConsistencyErrors,
  shanghaiDate,
  isMobilePhone,
  isValidPhone,
  situation,
  textLength,
  textProblem,
  visibleLength,
  TEXT_LIMITS,
  type Channel,
  type CreateReportRequest,
  type Gender,
  type SituationCode,
} from '@shouhu/shared';
import type { FieldProblems } from '../../components/form-problems';

export type Identity = 'anonymous' | 'confidential' | 'named';

/** A photo or video picked as evidence; `uploadId` is set once the server has it. */
export interface Evidence {
  localId: string;
  path: string;
  kind: 'image' | 'video';
  uploadId: string | null;
  failed: boolean;
}

export interface ChildForm {
  name: string;
  gender: Gender | '';
  /** As typed: the reporter may know an age, a birth date, both or neither. */
  age: string;
  birthDate: string;
  school: string;
}

export interface ReportForm {
  immediateDanger: boolean | null;
  situations: SituationCode[];
  /** Asked only for a dropout (知道孩子现在在哪里吗？): true, false, or not answered yet. */
  whereaboutsUnknown: boolean | null;
  /** 省 → 市 → 县 → 乡镇 → 村, as far as the reporter knows. */
  division: { code: string; name: string }[];
  address: string;
  position: { latitude: number; longitude: number } | null;
  child: ChildForm;
  description: string;
  /** YYYY-MM-DD; empty means today. */
  discoveredOn: string;
  evidence: Evidence[];
  identity: Identity;
  reporterName: string;
  reporterPhone: string;
  /** The hotline caller agreed to SMS at 受理 and 办结 (asked only with a caller's number). */
  smsConsent: boolean;
  /** 孩子今晚安全吗？ was asked once for this report (see `asksSafeTonight`). */
  safeTonightAsked: boolean;
}

export const REPORT_STEPS = [
  { key: 'danger', title: '危险' },
  { key: 'situations', title: '情况' },
  { key: 'place', title: '地点' },
  { key: 'child', title: '孩子' },
  { key: 'story', title: '经过' },
  { key: 'reporter', title: '身份' },
  { key: 'review', title: '确认' },
] as const;

export type ReportStep = (typeof REPORT_STEPS)[number]['key'];

export const MAX_EVIDENCE = 9;

export function emptyReportForm(division: ReportForm['division'] = []): ReportForm {
  return {
    immediateDanger: null,
    situations: [],
    whereaboutsUnknown: null,
    division,
    address: '',
    position: null,
    child: { name: '', gender: '', age: '', birthDate: '', school: '' },
    description: '',
    discoveredOn: '',
    evidence: [],
    identity: 'confidential',
    reporterName: '',
    reporterPhone: '',
    smsConsent: false,
    safeTonightAsked: false,
  };
}

/** Counts characters the way the server does: an emoji or a rare 汉字 is one. */
export const characterCount = textLength;

/**
 * The line under the description box: how many more characters the minimum still needs (the
 * 10-character rule of the API, counted as the server counts visible text), before 下一步 refuses,
 * then the count against the maximum.
 */
export function descriptionCounter(description: string): { text: string; short: boolean } {
  const missing = DESCRIPTION_MIN_LENGTH - visibleLength(description);
  const count = `${characterCount(description)}/${DESCRIPTION_MAX_LENGTH}`;
  return missing > 0
    ? { text: `还需至少${missing}字 · ${count}`, short: true }
    : { text: count, short: false };
}

/**
 * The fields of the report body the form asks, as the API's 400 `errors` name them: the step that
 * asks each, and what the form holds for it (a change of it answers the field's refusal).
 */
const ASKED: Record<string, { step: ReportStep; held: (form: ReportForm) => unknown }> = {
  immediateDanger: { step: 'danger', held: (f) => f.immediateDanger },
  situations: { step: 'situations', held: (f) => f.situations },
  'child.whereaboutsUnknown': { step: 'situations', held: (f) => f.whereaboutsUnknown },
  'location.divisionCode': { step: 'place', held: (f) => f.division },
  'location.address': { step: 'place', held: (f) => f.address },
  'location.latitude': { step: 'place', held: (f) => f.position },
  'location.longitude': { step: 'place', held: (f) => f.position },
  'child.name': { step: 'child', held: (f) => f.child.name },
  'child.gender': { step: 'child', held: (f) => f.child.gender },
  'child.ageYears': { step: 'child', held: (f) => f.child.age },
  'child.birthDate': { step: 'child', held: (f) => f.child.birthDate },
  'child.school': { step: 'child', held: (f) => f.child.school },
  description: { step: 'story', held: (f) => f.description },
  discoveredAt: { step: 'story', held: (f) => f.discoveredOn },
  attachments: { step: 'story', held: (f) => f.evidence },
  reporter: { step: 'reporter', held: (f) => [f.identity, f.reporterName, f.reporterPhone] },
  'reporter.anonymous': { step: 'reporter', held: (f) => f.identity },
  'reporter.confidential': { step: 'reporter', held: (f) => f.identity },
  'reporter.name': { step: 'reporter', held: (f) => f.reporterName },
  'reporter.phone': { step: 'reporter', held: (f) => f.reporterPhone },
  'reporter.smsConsent': { step: 'reporter', held: (f) => [f.smsConsent, f.reporterPhone] },
};

/** Every field of the report body the form draws, as the API's `errors` name them. */
export const ASKED_FIELDS: readonly string[] = Object.keys(ASKED);

/** How the form asks a field, if it does (an own key only: `toString` is no field). */
const asked = (field: string) => (ASKED_FIELDS.includes(field) ? ASKED[field] : undefined);

/** The step that asks a field of the report body, or null for one the form does not ask. */
export function stepOfField(field: string): ReportStep | null {
  return asked(field)?.step ?? null;
}

/**
 * The server's own rules across fields (shared `reportConsistencyErrors`: the child's age, birth
 * date and its agreement with the age; when it was found; the reporter's identity and SMS consent),
 * asked of the very body this form would send, so the refusal comes before sending. A field the
 * form does not ask is the review step's, which then holds the report back, never dropping it.
 */
function consistencyProblems(
  form: ReportForm,
  step: ReportStep,
  now: Date,
  channel: Channel,
): FieldProblems {
  const errors = reportConsistencyErrors(toReportRequest(form, channel, now), now);
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => (stepOfField(field) ?? 'review') === step),
  );
}

/**
 * What still needs fixing on one step before moving on, keyed by field as the API names them; empty
 * means it may go on. The channel is the one the report is filed in (only a hotline caller may
 * agree to SMS).
 */
export function stepProblems(
  form: ReportForm,
  step: ReportStep,
  now: Date,
  channel: Channel,
): FieldProblems {
  return { ...ownStepProblems(form, step), ...consistencyProblems(form, step, now, channel) };
}

/** What the form asks of one step's own fields, before the rules across fields. */
function ownStepProblems(form: ReportForm, step: ReportStep): FieldProblems {
  switch (step) {
    case 'danger':
      return form.immediateDanger === null
        ? { immediateDanger: '请先回答：孩子现在有危险吗？' }
        : {};
    case 'situations':
      if (form.situations.length === 0) return { situations: '请至少选择一种您看到的情况' };
      return asksWhereabouts(form) && form.whereaboutsUnknown === null
        ? { 'child.whereaboutsUnknown': '请回答：知道孩子现在在哪里吗？' }
        : {};
    case 'place':
      // The server's rule for location.divisionCode: a county, township or village.
      return isDivisionCode(placeCode(form))
        ? {}
        : { 'location.divisionCode': '请选择孩子所在的县（区），能选到乡镇或村更好' };
    case 'child':
      return {};
    case 'story':
      return storyProblems(form);
    case 'reporter':
      return form.identity !== 'anonymous' &&
        form.reporterPhone.trim() !== '' &&
        !isValidPhone(form.reporterPhone)
        ? { 'reporter.phone': '电话应为手机号或带区号的固定电话' }
        : {};
    case 'review':
      return {};
  }
}

function storyProblems(form: ReportForm): FieldProblems {
  const problems: FieldProblems = {};
  // The server's rule (shared textProblem), with the form's own wording for a description too short.
  const description = textProblem(form.description.trim(), TEXT_LIMITS.reportDescription);
  if (visibleLength(form.description) < DESCRIPTION_MIN_LENGTH) {
    problems.description = `请把情况写得具体一些（至少${DESCRIPTION_MIN_LENGTH}个字）`;
  } else if (characterCount(form.description.trim()) > DESCRIPTION_MAX_LENGTH) {
    problems.description = `情况描述最多${DESCRIPTION_MAX_LENGTH}个字`;
  } else if (description) {
    problems.description = description;
  }
  if (form.evidence.some((e) => e.uploadId === null)) {
    problems.attachments = '还有照片或视频没有上传成功：请点它重试，或删除后再继续';
  }
  return problems;
}

/** Every problem of the form, keyed by field, in the order the steps ask for it. */
export function formProblems(form: ReportForm, now: Date, channel: Channel): FieldProblems {
  return Object.assign(
    {},
    ...REPORT_STEPS.map((step) => stepProblems(form, step.key, now, channel)),
  );
}

/** The first step that still has a problem, so 提交 can send the reporter straight back to it. */
export function firstStepWithProblems(
  form: ReportForm,
  now: Date,
  channel: Channel,
): number | null {
  const index = REPORT_STEPS.findIndex(
    (step) => Object.keys(stepProblems(form, step.key, now, channel)).length > 0,
  );
  return index === -1 ? null : index;
}

/** The first step asking a field of `problems` (a refusal the server sent), null if none does. */
export function firstStepOf(problems: FieldProblems): number | null {
  const index = REPORT_STEPS.findIndex((step) =>
    Object.keys(problems).some((field) => stepOfField(field) === step.key),
  );
  return index === -1 ? null : index;
}

/** `problems` without those of the fields `step` asks: 下一步 asks them again. */
export function withoutStep(problems: FieldProblems, step: ReportStep): FieldProblems {
  return Object.fromEntries(
    Object.entries(problems).filter(([field]) => stepOfField(field) !== step),
  );
}

/**
 * The problems still standing after an edit from `before` to `after`: one whose field the edit
 * changed is answered (its red goes), the others stay, a field the form does not ask too.
 */
export function problemsAfterEdit(
  problems: FieldProblems,
  before: ReportForm,
  after: ReportForm,
): FieldProblems {
  const changed = (field: string) => {
    const held = asked(field)?.held;
    return held !== undefined && JSON.stringify(held(before)) !== JSON.stringify(held(after));
  };
  return Object.fromEntries(Object.entries(problems).filter(([field]) => !changed(field)));
}

/**
 * The short lines at 下一步 or 提交, for one hand: how many fields on the page (`page`, the step
 * shown, or null for the hotline's one page with every field) are drawn red, which other steps
 * hold some, and the reasons of fields the form does not ask, never dropped.
 */
export function problemSummary(problems: FieldProblems, page: ReportStep | null): string[] {
  const fields = Object.keys(problems);
  const here = fields.filter(
    (f) => stepOfField(f) !== null && (page === null || stepOfField(f) === page),
  );
  const elsewhere = REPORT_STEPS.filter(
    (step) => page !== null && step.key !== page && fields.some((f) => stepOfField(f) === step.key),
  );
  return [
    ...(here.length > 0 ? [`有 ${here.length} 处需要修改，已标红`] : []),
    ...(elsewhere.length > 0
      ? [`${elsewhere.map((step) => `“${step.title}”`).join('')}也有需要修改的地方`]
      : []),
    ...fields.filter((f) => stepOfField(f) === null).map((f) => problems[f]),
  ];
}

/**
 * A dropout whose whereabouts are unknown also goes to the police (domain.md, Situations), so the
 * form asks for dropouts only.
 */
export function asksWhereabouts(form: Pick<ReportForm, 'situations'>): boolean {
  return form.situations.includes('dropout');
}

/** The most precise division picked: the report's `location.divisionCode`. */
function placeCode(form: Pick<ReportForm, 'division'>): string {
  return form.division[form.division.length - 1]?.code ?? '';
}

/** A text with nothing visible (spaces, zero-width or filler characters) is left out, as the server counts it empty. */
function optional(text: string): string | undefined {
  return visibleLength(text) === 0 ? undefined : text.trim();
}

/**
 * Today (Beijing's) means now; another day is taken at noon Beijing time, so that a day after
 * today, which the picker never offers, is refused by the server's rule (`discoveredAtProblem`).
 */
function discoveredAt(discoveredOn: string, now: Date): string {
  if (discoveredOn === '' || discoveredOn === shanghaiDate(now)) return now.toISOString();
  return beijingInstant(discoveredOn, '12:00').toISOString();
}

function toChild(child: ChildForm): CreateReportRequest['child'] {
  const age = child.age.trim();
  return {
    name: optional(child.name),
    gender: child.gender === '' ? undefined : child.gender,
    ageYears: age === '' ? undefined : Number(age),
    birthDate: child.birthDate === '' ? undefined : child.birthDate,
    school: optional(child.school),
  };
}

export function toReportRequest(
  form: ReportForm,
  channel: Channel,
  now: Date,
): CreateReportRequest {
  const anonymous = form.identity === 'anonymous';
  const attachments = form.evidence.flatMap((e) => (e.uploadId ? [e.uploadId] : []));
  return {
    channel,
    situations: form.situations,
    immediateDanger: form.immediateDanger === true,
    description: form.description.trim(),
    discoveredAt: discoveredAt(form.discoveredOn, now),
    location: {
      divisionCode: placeCode(form),
      address: optional(form.address),
      ...(form.position ?? {}),
    },
    child: {
      ...toChild(form.child),
      ...(asksWhereabouts(form) && form.whereaboutsUnknown !== null
        ? { whereaboutsUnknown: form.whereaboutsUnknown }
        : {}),
    },
    reporter: anonymous
      ? { anonymous: true }
      : {
          anonymous: false,
          confidential: form.identity === 'confidential',
          name: optional(form.reporterName),
          phone: optional(form.reporterPhone),
          ...(channel === 'hotline' && offersSmsConsent(form) && form.smsConsent
            ? { smsConsent: true }
            : {}),
        },
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

export function toggleSituation(selected: SituationCode[], code: SituationCode): SituationCode[] {
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
}

/** Drafts saved before the form had every field are completed with the empty values. */
export function completeForm(saved: Partial<ReportForm>): ReportForm {
  const empty = emptyReportForm();
  return { ...empty, ...saved, child: { ...empty.child, ...saved.child } };
}

/**
 * A reporter who said there is no danger now and then picks a situation the law treats as
 * serious (意见 第四条) is asked once more, plainly, whether the child is safe tonight: “没有危险”
 * is often said about this minute, not about the night at home with the person who hurt the child.
 */
export function asksSafeTonight(
  form: Pick<ReportForm, 'immediateDanger' | 'situations' | 'safeTonightAsked'>,
): boolean {
  return (
    form.immediateDanger === false &&
    !form.safeTonightAsked &&
    form.situations.some((code) => situation(code).category === 'statutory')
  );
}

/** SMS go only to a mobile the hotline caller gave (shared `isMobilePhone`, as the server checks). */
export function offersSmsConsent(form: Pick<ReportForm, 'identity' | 'reporterPhone'>): boolean {
  return form.identity !== 'anonymous' && isMobilePhone(form.reporterPhone);
}
