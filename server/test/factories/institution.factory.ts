import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { CreateInstitutionRequest, Institution } from '@shouhu/shared';
import { http } from '../setup/http';
import { HOME_TOWN } from './world.factory';

/** A valid `POST /institutions` body of the home county with a name no other call made. */
export function anInstitutionBody(
  overrides: Partial<CreateInstitutionRequest> = {},
): CreateInstitutionRequest {
  return {
    name: `泗城镇第${randomUUID().slice(0, 8)}小学`,
    type: 'school',
    divisionCode: HOME_TOWN,
    contactName: '王校长',
    contactPhone: '0557-7012345',
    ...overrides,
  };
}

/** An institution entered on the register by `token` (a county coordinator). */
export async function anInstitution(
  baseUrl: string,
  token: string,
  overrides: Partial<CreateInstitutionRequest> = {},
): Promise<Institution> {
  const response = await http<Institution>(baseUrl, 'POST', '/institutions', {
    token,
    body: anInstitutionBody(overrides),
  });
  if (response.status !== 201) {
    throw new Error(`institution: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** An .xlsx whose first sheet holds `rows` (the first row the headings), as a form's `file`. */
export async function aSheetForm(rows: unknown[][], name = 'institutions.xlsx'): Promise<FormData> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('机构名录');
  for (const row of rows) sheet.addRow(row);
  const bytes = await workbook.xlsx.writeBuffer();
  return aFileForm(new Uint8Array(bytes as ArrayBuffer), name);
}

export function aFileForm(bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return form;
}
