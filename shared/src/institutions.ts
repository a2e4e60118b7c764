import { isValidPhone } from './identity';
import { isDivisionCode } from './report-rules';
import { ORG_TYPES, ORG_TYPE_LABELS, type OrgType } from './roles';
import { TEXT_LIMITS, singleLineProblem, textProblem } from './text-limits';

/**
 * The register of mandated institutions (强制报告主体) of a county (domain.md, "Accountability";
 * 泗县: "强制报告主体未履行报告义务的…严肃追责"; 晋政发〔2017〕46号: "对落实不到位的单位进行通报"). The county's
 * coordinator keeps it; a mandated reporter invited from it reports for that institution, and the
 * county's figures count their reports for it, never for a typed name.
 */
export interface Institution {
  id: string;
  /** The county (6-digit division code) whose register holds it. */
  countyCode: string;
  /** As `canonicalInstitutionName` writes it: names that look the same are one name. */
  name: string;
  type: OrgType;
  /**
   * Where it is (a township's 9 or a village's 12 digits, or the county's 6): its catchment for
   * the "who did not report" list.
   */
  divisionCode: string;
  /** The place's name, e.g. 泗城镇关庙村. */
  placeName: string;
  contactName: string | null;
  /** As people dial it: digits only (shared `normalizePhone`). */
  contactPhone: string | null;
  /** Mandated reporters who joined for it. */
  reporterCount: number;
  /**
   * When the coordinator took it off the register (a school closed or merged), null while it is
   * on it. A retired institution gets no new invitations, its reporters' new reports no longer
   * count for it, and it answers for no report filed after this instant; what it filed before
   * stays in the figures and the 台账.
   */
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /institutions`: a new institution on the caller's county register. */
export interface CreateInstitutionRequest {
  name: string;
  type: OrgType;
  divisionCode: string;
  contactName?: string;
  contactPhone?: string;
}

/**
 * `PATCH /institutions/:id`: the fields to change; `null` clears a contact field. `retired: true`
 * takes the institution off the register (停用), `false` brings it back (恢复).
 */
export interface UpdateInstitutionRequest {
  name?: string;
  type?: OrgType;
  divisionCode?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  retired?: boolean;
}

/**
 * The import sheet (`POST /institutions/import`, an .xlsx): the first sheet, a heading row with
 * these headings (any order), one institution a row. 类型 is a label of `ORG_TYPE_LABELS`; 区划代码
 * a division code of the county. A row whose 名称 is already on the register updates it.
 */
export const INSTITUTION_SHEET_HEADINGS = {
  name: '名称',
  type: '类型',
  divisionCode: '区划代码',
  contactName: '联系人',
  contactPhone: '联系电话',
} as const;

/** Rows one import may hold. */
export const INSTITUTION_IMPORT_MAX_ROWS = 5000;

/** What an import did: every row checked first; one bad row and nothing is stored (400). */
export interface InstitutionImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The key of a refused cell in the import's 400 (`errors`, as for any refused field): 第3行 类型
 * (row 1 is the headings), so the message reads as it is shown.
 */
export function institutionImportErrorKey(row: number, heading: string): string {
  return `第${row}行 ${heading}`;
}

/**
 * Refusals of the register (409): a second institution of the same name in one county; an
 * invitation into a retired institution.
 */
export const INSTITUTION_REFUSAL_CODES = ['INSTITUTION_EXISTS', 'INSTITUTION_RETIRED'] as const;
export type InstitutionRefusalCode = (typeof INSTITUTION_REFUSAL_CODES)[number];

/** Largest import sheet, in bytes: 5,000 rows of an .xlsx take some 300 KB. */
export const INSTITUTION_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/** The fields of an institution that people fill in, as named in requests and the 400's `errors`. */
export type InstitutionField = keyof CreateInstitutionRequest;

/** Format characters (\p{Cf}: zero-width space, joiners, U+2060, U+FEFF, soft hyphen…) and blank fillers. */
const UNSEEN = /[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** The ASCII punctuation NFKC makes of Chinese full-width punctuation, and back. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '(': '（',
  ')': '）',
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
};

/**
 * The one way an institution's name is stored and compared, so names that look the same are one
 * name (the register's name is unique per county): NFKC (full-width letters and digits become
 * ASCII, a no-break or ideographic space a space), format characters and fillers removed, every
 * run of spaces one space, none at either end. Brackets and the other punctuation NFKC folds to
 * ASCII become the Chinese full-width forms, as Chinese names are written (GB/T 15834, and the
 * names on seals and licences: 泗县第一中学（本部）), with no space beside them, as a full-width mark
 * carries its own. Ask `institutionProblems` first: a name it refuses has no canonical form.
 */
export function canonicalInstitutionName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(UNSEEN, '')
    .replace(/\p{White_Space}+/gu, ' ')
    .replace(/[(),:;!?]/g, (mark) => FULL_WIDTH[mark])
    .replace(/ ?([（），：；！？]) ?/g, '$1')
    .trim();
}

/** What a refused field is told, where no shared text rule (`textProblem`) already says it. */
export const INSTITUTION_MESSAGES = {
  nameType: '机构名称应为文字',
  typeMissing: '请选择机构类型',
  typeUnknown: '机构类型不正确，请从列表中选择',
  divisionMissing: '请选择机构所在的区划',
  divisionFormat: '区划代码应为6位（县）、9位（乡镇）或12位（村）数字',
  divisionOutsideCounty: '只能登记本县的机构：这个区划不在本县',
  divisionUnknown: '没有这个区划代码，请从区划列表中选择',
  contactNameType: '联系人应为文字',
  contactPhone: '联系电话应为手机号或带区号的固定电话',
} as const;

/** Where an institution may be: the county of the register and the divisions that exist. */
export interface InstitutionPlace {
  /** The register's county (6 digits): an institution's division is it or one below it. */
  countyCode: string;
  /** Whether the code names a division of the loaded dataset. */
  divisionExists: (code: string) => boolean;
}

/**
 * Why each field of an institution is refused, in Chinese, or `{}` when it may be stored: name
 * 1–100 characters as sent and in its canonical form (`TEXT_LIMITS.institutionName`,
 * `canonicalInstitutionName`), a type of `ORG_TYPES`, a division code (6, 9 or 12 digits) that
 * exists and lies in the register's county, a contact name of at most 50 characters, a contact
 * phone `isValidPhone` takes. Every text is one line: a tab or a line break is refused in each
 * (`singleLineProblem`). With `partial` (a PATCH) an absent
 * field is not asked for, and `null` clears a contact field. The server's create, update and
 * import and the app's form all ask this one function (domain.md, "Accountability").
 */
export function institutionProblems(
  fields: { [K in InstitutionField]?: unknown },
  place: InstitutionPlace,
  options: { partial?: boolean } = {},
): Partial<Record<InstitutionField, string>> {
  const problems: Partial<Record<InstitutionField, string>> = {};
  const asked = (field: InstitutionField) => !options.partial || fields[field] !== undefined;
  if (asked('name')) {
    const name = fields.name;
    const problem =
      typeof name === 'string'
        ? (textProblem(name, TEXT_LIMITS.institutionName) ??
          textProblem(canonicalInstitutionName(name), TEXT_LIMITS.institutionName))
        : name === undefined
          ? `请填写${TEXT_LIMITS.institutionName.label}`
          : INSTITUTION_MESSAGES.nameType;
    if (problem) problems.name = problem;
  }
  if (asked('type') && !(ORG_TYPES as readonly unknown[]).includes(fields.type)) {
    problems.type =
      fields.type === undefined
        ? INSTITUTION_MESSAGES.typeMissing
        : INSTITUTION_MESSAGES.typeUnknown;
  }
  if (asked('divisionCode')) {
    const problem = divisionProblem(fields.divisionCode, place);
    if (problem) problems.divisionCode = problem;
  }
  const contactName = fields.contactName;
  if (contactName !== undefined && contactName !== null) {
    const problem =
      typeof contactName === 'string'
        ? textProblem(contactName, TEXT_LIMITS.institutionContactName)
        : INSTITUTION_MESSAGES.contactNameType;
    if (problem) problems.contactName = problem;
  }
  const contactPhone = fields.contactPhone;
  if (contactPhone !== undefined && contactPhone !== null) {
    const problem =
      typeof contactPhone !== 'string'
        ? INSTITUTION_MESSAGES.contactPhone
        : (singleLineProblem(contactPhone, '联系电话') ??
          (isValidPhone(contactPhone) ? null : INSTITUTION_MESSAGES.contactPhone));
    if (problem) problems.contactPhone = problem;
  }
  return problems;
}

function divisionProblem(code: unknown, place: InstitutionPlace): string | null {
  if (code === undefined) return INSTITUTION_MESSAGES.divisionMissing;
  const lines = typeof code === 'string' ? singleLineProblem(code, '区划代码') : null;
  if (lines) return lines;
  if (typeof code !== 'string' || !isDivisionCode(code)) return INSTITUTION_MESSAGES.divisionFormat;
  if (!code.startsWith(place.countyCode)) return INSTITUTION_MESSAGES.divisionOutsideCounty;
  if (!place.divisionExists(code)) return INSTITUTION_MESSAGES.divisionUnknown;
  return null;
}

/** The type a sheet's 类型 cell names by its label (`ORG_TYPE_LABELS`, spaces around ignored); null for another text. */
export function orgTypeOfLabel(label: string): OrgType | null {
  const wanted = label.trim();
  return ORG_TYPES.find((type) => ORG_TYPE_LABELS[type] === wanted) ?? null;
}

/** What a 类型 cell that names no type is told: the labels it may hold. */
export const INSTITUTION_TYPE_LABEL_MESSAGE = `类型应为以下之一：${ORG_TYPES.map((type) => ORG_TYPE_LABELS[type]).join('、')}`;
