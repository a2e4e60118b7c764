import Taro from '@tarojs/taro';
import type {
  CreateInstitutionRequest,
  Institution,
  InstitutionImportResult,
  Invite,
  OrgType,
  Page,
  UpdateInstitutionRequest,
} from '@shouhu/shared';
import { isInstitution, isInstitutionImportResult, isInstitutionPage, isInvite } from './answers';
import { ApiError } from './api-error';
import { API_BASE } from './config';
import { authorizedRequest, withSession } from './session';
import { queryString } from './stats';
import { openWorkbook } from './workbooks';

export interface InstitutionListQuery {
  type: OrgType | '';
  /** Part of the name. */
  q: string;
  /** Those taken off the register (停用) instead of those on it. */
  retired: boolean;
  page: number;
  pageSize: number;
}

/** `GET /institutions`: the caller's county register, filtered, a page at a time. */
export function listInstitutions(query: InstitutionListQuery): Promise<Page<Institution>> {
  const path = `/institutions${queryString({
    type: query.type,
    q: query.q.trim(),
    retired: query.retired ? 'true' : undefined,
    page: query.page,
    pageSize: query.pageSize,
  })}`;
  return authorizedRequest({ method: 'GET', path }, isInstitutionPage);
}

export function createInstitution(body: CreateInstitutionRequest): Promise<Institution> {
  return authorizedRequest({ method: 'POST', path: '/institutions', data: body }, isInstitution);
}

/** `PATCH /institutions/:id`: a change; `{ retired: true }` 停用, `{ retired: false }` 恢复. */
export function updateInstitution(
  id: string,
  body: UpdateInstitutionRequest,
): Promise<Institution> {
  return authorizedRequest(
    { method: 'PATCH', path: `/institutions/${id}`, data: body },
    isInstitution,
  );
}

/** `POST /institutions/:id/invites`: a code a mandated reporter of it redeems to join it. */
export function inviteReporter(id: string): Promise<Invite> {
  return authorizedRequest(
    { method: 'POST', path: `/institutions/${id}/invites`, data: {} },
    isInvite,
  );
}

/** The empty import sheet with its headings, and the 类型 labels on a second sheet. */
export function openImportTemplate(): Promise<void> {
  return openWorkbook('/institutions/template.xlsx', '机构名录模板.xlsx');
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Sends a picked .xlsx to `POST /institutions/import` (field `file`). A refused sheet is an
 * ApiError whose `fieldErrors` are keyed by cell (`第3行 类型`); nothing was stored.
 */
export function importInstitutions(filePath: string): Promise<InstitutionImportResult> {
  return withSession(async (token) => {
    let response: Taro.uploadFile.SuccessCallbackResult;
    try {
      response = await Taro.uploadFile({
        url: `${API_BASE}/institutions/import`,
        filePath,
        name: 'file',
        // H5 names the blob it sends; the server reads the sheet, not the name.
        fileName: 'institutions.xlsx',
        header: { authorization: `Bearer ${token}` },
      });
    } catch {
      throw ApiError.network('write');
    }
    const body = parse(response.data);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (isInstitutionImportResult(body)) return body;
      throw ApiError.badAnswer(response.statusCode, response.data);
    }
    throw ApiError.fromResponse(response.statusCode, body);
  });
}
