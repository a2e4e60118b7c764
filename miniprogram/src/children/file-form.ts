import {
  CHILD_AGE_YEARS,
  birthAfterOpeningProblems,
  childDateProblems,
  isDivisionCode,
  isValidIdNumber,
  isValidPhone,
  textProblem,
  visibleLength,
  TEXT_LIMITS,
  type ChildCategory,
  type ChildFileDetail,
  type ChildFilePerson,
  type CreateChildFileRequest,
  type Gender,
  type HelpInPlace,
  type HelpKind,
  type TextLimit,
  type UpdateChildFileRequest,
} from '@shouhu/shared';
import type { FieldProblems } from '../components/form-problems';

export interface PersonForm {
  name: string;
  phone: string;
  relation: string;
}

export interface HelpForm {
  kind: HelpKind | '';
  /** `YYYY-MM-DD` (Beijing), empty until picked. */
  since: string;
  provider: string;
  note: string;
}

/** The open/edit form as typed: every text as the person left it, checked before sending. */
export interface FileForm {
  /** 乡镇 → 村 within the worker's own divisions; the last one is the file's `divisionCode`. */
  division: { code: string; name: string }[];
  child: {
    name: string;
    gender: Gender | '';
    /** As typed: a birth date, an age, both or neither. */
    age: string;
    birthDate: string;
    idNumber: string;
    school: string;
  };
  categories: ChildCategory[];
  guardian: PersonForm;
  carer: PersonForm;
  help: HelpForm[];
}

const noPerson = (): PersonForm => ({ name: '', phone: '', relation: '' });

export const emptyHelp = (): HelpForm => ({ kind: '', since: '', provider: '', note: '' });

export function emptyFileForm(division: FileForm['division'] = []): FileForm {
  return {
    division,
    child: { name: '', gender: '', age: '', birthDate: '', idNumber: '', school: '' },
    categories: [],
    guardian: noPerson(),
    carer: noPerson(),
    help: [],
  };
}

const person = (p: ChildFilePerson | null): PersonForm => ({
  name: p?.name ?? '',
  phone: p?.phone ?? '',
  relation: p?.relation ?? '',
});

/** The form of a file being changed, filled with what the file holds now. */
export function formOfFile(file: ChildFileDetail): FileForm {
  return {
    division: [{ code: file.divisionCode, name: file.placeName }],
    child: {
      name: file.child.name ?? '',
      gender: file.child.gender ?? '',
      // A known birth date says the age; the age is kept only where no birth date is known.
      age:
        !file.child.birthDate && file.child.ageYears !== undefined
          ? String(file.child.ageYears)
          : '',
      birthDate: file.child.birthDate ?? '',
      idNumber: file.child.idNumber ?? '',
      school: file.child.school ?? '',
    },
    categories: [...file.categories],
    guardian: person(file.guardian),
    carer: person(file.carer),
    help: file.help.map((h) => ({
      kind: h.kind,
      since: h.since,
      provider: h.provider,
      note: h.note ?? '',
    })),
  };
}

export function toggleCategory(selected: ChildCategory[], code: ChildCategory): ChildCategory[] {
  return selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
}

/** A text with nothing visible is left out, as the server counts it empty. */
function optional(text: string): string | undefined {
  return visibleLength(text) === 0 ? undefined : text.trim();
}

const placeCode = (form: FileForm) => form.division[form.division.length - 1]?.code ?? '';

function toPerson(p: PersonForm): ChildFilePerson | undefined {
  const fields = {
    name: optional(p.name),
    phone: optional(p.phone),
    relation: optional(p.relation),
  };
  return Object.values(fields).some((v) => v !== undefined) ? fields : undefined;
}

function toHelp(h: HelpForm): HelpInPlace {
  return {
    kind: h.kind as HelpKind,
    since: h.since,
    provider: h.provider.trim(),
    ...(optional(h.note) ? { note: h.note.trim() } : {}),
  };
}

function toChild(form: FileForm) {
  const age = form.child.age.trim();
  return {
    name: optional(form.child.name),
    gender: form.child.gender === '' ? undefined : form.child.gender,
    birthDate: form.child.birthDate === '' ? undefined : form.child.birthDate,
    ageYears: age === '' ? undefined : Number(age),
    idNumber: optional(form.child.idNumber),
  };
}

export function toCreateRequest(form: FileForm): CreateChildFileRequest {
  const guardian = toPerson(form.guardian);
  const carer = toPerson(form.carer);
  return {
    divisionCode: placeCode(form),
    child: { ...toChild(form), school: optional(form.child.school) },
    categories: form.categories,
    ...(guardian ? { guardian } : {}),
    ...(carer ? { carer } : {}),
    ...(form.help.length > 0 ? { help: form.help.map(toHelp) } : {}),
  };
}

/**
 * What 保存 sends for a file being changed: every part the form edits, a person emptied is removed
 * (null), the help list replaced whole. The place changes only through 迁到其他村.
 */
export function toUpdateRequest(form: FileForm): UpdateChildFileRequest {
  return {
    child: toChild(form),
    school: optional(form.child.school) ?? null,
    categories: form.categories,
    guardian: toPerson(form.guardian) ?? null,
    carer: toPerson(form.carer) ?? null,
    help: form.help.map(toHelp),
  };
}

/** The fields the form draws for every file, as the server names them in a file request. */
const FILE_FIELDS = [
  'child.name',
  'child.gender',
  'child.birthDate',
  'child.ageYears',
  'child.idNumber',
  'child.school',
  'categories',
  ...['guardian', 'carer'].flatMap((person) =>
    ['name', 'phone', 'relation'].map((field) => `${person}.${field}`),
  ),
  'help',
];

/**
 * Every field the form draws for `form`, as the server names them (each help row's too; the place
 * only on a new file): a refusal of any other is listed, not drawn.
 */
export function drawnFileFields(form: FileForm, creating: boolean): string[] {
  return [
    ...(creating ? ['divisionCode'] : []),
    ...FILE_FIELDS,
    ...form.help.flatMap((_, i) =>
      ['kind', 'since', 'provider', 'note'].map((field) => `help.${i}.${field}`),
    ),
  ];
}

function text(problems: FieldProblems, field: string, value: string, limit: TextLimit) {
  if (visibleLength(value) === 0) return;
  const problem = textProblem(value.trim(), limit);
  if (problem) problems[field] = problem;
}

function personProblems(
  problems: FieldProblems,
  prefix: string,
  p: PersonForm,
  nameLimit: TextLimit,
) {
  text(problems, `${prefix}.name`, p.name, nameLimit);
  text(problems, `${prefix}.relation`, p.relation, TEXT_LIMITS.familyRelation);
  if (visibleLength(p.phone) > 0 && !isValidPhone(p.phone.trim())) {
    problems[`${prefix}.phone`] = '电话应为手机号或带区号的固定电话';
  }
}

/**
 * Every problem the server would refuse, asked with the same shared rules (text limits, phones,
 * 身份证号, the child's dates on Beijing's `today` and, editing a file, not after the day it was
 * opened, `openedOn`), keyed by field. `creating` also asks for the place.
 */
export function fileFormProblems(
  form: FileForm,
  today: string,
  creating: boolean,
  openedOn: string = today,
): FieldProblems {
  const problems: FieldProblems = {};
  if (creating && !isDivisionCode(placeCode(form))) {
    problems.divisionCode = '请选择孩子所在的村（社区）或乡镇';
  }
  const { child } = form;
  text(problems, 'child.name', child.name, TEXT_LIMITS.childName);
  text(problems, 'child.school', child.school, TEXT_LIMITS.childSchool);
  const age = child.age.trim();
  if (age !== '' && !/^\d+$/.test(age)) {
    problems['child.ageYears'] = `年龄应为${CHILD_AGE_YEARS.min}到${CHILD_AGE_YEARS.max}之间的整数`;
  }
  const idNumber = child.idNumber.trim();
  if (idNumber !== '' && !isValidIdNumber(idNumber)) {
    problems['child.idNumber'] = '身份证号不正确，请核对18位号码（最后一位可能是X）';
  }
  const facts = {
    birthDate: child.birthDate || undefined,
    ageYears: age !== '' && /^\d+$/.test(age) ? Number(age) : undefined,
    idNumber: idNumber !== '' && isValidIdNumber(idNumber) ? idNumber : undefined,
  };
  const dates = {
    ...birthAfterOpeningProblems(facts, openedOn),
    ...childDateProblems(facts, today),
  };
  for (const [field, problem] of Object.entries(dates)) problems[`child.${field}`] ??= problem;
  personProblems(problems, 'guardian', form.guardian, TEXT_LIMITS.guardianName);
  personProblems(problems, 'carer', form.carer, TEXT_LIMITS.carerName);
  form.help.forEach((h, i) => {
    if (h.kind === '') problems[`help.${i}.kind`] = '请选择帮扶措施';
    if (h.since === '') problems[`help.${i}.since`] = '请选择从哪天开始';
    else if (h.since > today) problems[`help.${i}.since`] = '开始日期不能晚于今天';
    const provider = textProblem(h.provider.trim(), TEXT_LIMITS.helpProvider);
    if (provider) problems[`help.${i}.provider`] = provider;
    text(problems, `help.${i}.note`, h.note, TEXT_LIMITS.helpNote);
  });
  return problems;
}
