import { isValidPhone } from './identity';
import { DIVISION_CODE_PATTERN } from './report-rules';
import { ORG_TYPES, type OrgType } from './roles';
import { TEXT_LIMITS, textProblem, type TextLimit } from './text-limits';

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

/** `PATCH /institutions/:id`: the fields to change; `null` clears a contact field. */
export interface UpdateInstitutionRequest {
  name?: string;
  type?: OrgType;
  divisionCode?: string;
  contactName?: string | null;
  contactPhone?: string | null;
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

/** The free-text fields of an institution, with their bounds. */
export const INSTITUTION_TEXT_LIMITS = {
  name: TEXT_LIMITS.orgName,
  contactName: { label: '联系人', min: 1, max: 50 },
} as const satisfies Record<string, TextLimit>;

/**
 * Every rule of an institution's fields (`POST /institutions`, `PATCH /institutions/:id`, a row
 * of the import), as field → reason in Chinese; empty when it may be stored. Only the fields
 * present are checked, so a PATCH is checked as sent; `null` (clearing a contact) is fine. Whether
 * the division lies in the caller's county is the server's to check.
 */
export function institutionProblems(
  fields: UpdateInstitutionRequest | CreateInstitutionRequest,
): Partial<Record<keyof CreateInstitutionRequest, string>> {
  const problems: Partial<Record<keyof CreateInstitutionRequest, string>> = {};
  if (fields.name !== undefined) {
    const problem = textProblem(fields.name.trim(), INSTITUTION_TEXT_LIMITS.name);
    if (problem) problems.name = problem;
  }
  if (fields.type !== undefined && !(ORG_TYPES as readonly string[]).includes(fields.type)) {
    problems.type = '请选择单位类型';
  }
  if (fields.divisionCode !== undefined && !DIVISION_CODE_PATTERN.test(fields.divisionCode)) {
    problems.divisionCode = '请选择所在乡镇或村（社区）';
  }
  if (fields.contactName !== undefined && fields.contactName !== null) {
    const problem = textProblem(fields.contactName.trim(), INSTITUTION_TEXT_LIMITS.contactName);
    if (problem) problems.contactName = problem;
  }
  if (
    fields.contactPhone !== undefined &&
    fields.contactPhone !== null &&
    !isValidPhone(fields.contactPhone)
  ) {
    problems.contactPhone = '联系电话不正确：请填写手机号或带区号的固定电话';
  }
  return problems;
}
