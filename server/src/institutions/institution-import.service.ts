import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  INSTITUTION_IMPORT_MAX_BYTES,
  INSTITUTION_SHEET_HEADINGS,
  INSTITUTION_TYPE_LABEL_MESSAGE,
  canonicalInstitutionName,
  institutionImportErrorKey,
  institutionProblems,
  isDivisionCode,
  orgTypeOfLabel,
  singleLineProblem,
  type InstitutionField,
  type InstitutionImportResult,
  type OrgType,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { isUniqueViolation } from '../database/database-errors';
import { TransactionRunner } from '../database/transaction-runner';
import { DivisionsService } from '../divisions/divisions.service';
import type { IncomingFile } from '../uploads/uploads.service';
import { inflationVerdict } from '../uploads/zip-inflation';
import {
  SHEET_INFLATION,
  institutionTemplate,
  readInstitutionSheet,
  type SheetRow,
} from './institution-sheet';
import { registerCountyOf } from './institution-scope';
import type { InstitutionEntity } from './institution.entity';
import { InstitutionsRepository } from './institutions.repository';
import { storedContact } from './institutions.service';

const NOT_XLSX = '这个文件不是能打开的 Excel 表格（.xlsx），请用下载的模板填写后上传';

const UNPACKS_TOO_LARGE = `这个表格解压后超过${SHEET_INFLATION.maxBytes / (1024 * 1024)} MB 或含有过多文件，不像是名录表格。请用下载的模板重新保存后上传（只保留名录这张表）`;

/** Spaces at either end of a cell (a tab or a line break is no space: `singleLineProblem` refuses it). */
function withoutEdgeSpaces(text: string): string {
  return text.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
}

/** Rows inserted per statement: a 5,000-row sheet in ten. */
const INSERT_BATCH = 500;

/** Tries of an import whose new names another import inserted meanwhile (the next try updates them). */
const IMPORT_ATTEMPTS = 3;

function importedMeanwhile(): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    'INSTITUTION_EXISTS',
    '名录正在被同时导入，请稍后重新导入这个表格（已有的机构会被更新，不会重复）',
  );
}

/**
 * What a checked row stores. A contact field is undefined when the sheet has no such column:
 * the stored value stays (an empty cell in a present column clears it).
 */
interface ImportRow {
  name: string;
  type: OrgType;
  divisionCode: string;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** The file's bytes, refused with 413 beyond the import's limit (the stream is dropped). */
async function bytesOf(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += (chunk as Buffer).length;
    if (size > INSTITUTION_IMPORT_MAX_BYTES) {
      file.destroy();
      throw new ApiException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        `表格最大${INSTITUTION_IMPORT_MAX_BYTES / (1024 * 1024)} MB，请分成几个表格导入`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The register's Excel sheet: the empty template, and an import that checks every row with the
 * shared `institutionProblems` before storing any (one bad row: 400 with every refused cell keyed
 * 第N行 <heading>, nothing stored); a name already on the register (`canonicalInstitutionName`)
 * updates that institution, and brings a retired one back onto the register. The upload is
 * unpacked to measure it before exceljs reads it (`SHEET_INFLATION`). All in one transaction,
 * audited with the counts only.
 */
@Injectable()
export class InstitutionImportService {
  constructor(
    private readonly institutions: InstitutionsRepository,
    private readonly divisions: DivisionsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async template(actor: Actor): Promise<Buffer> {
    const countyCode = registerCountyOf(actor);
    return institutionTemplate(await this.divisions.withinCounty(countyCode));
  }

  async importSheet(actor: Actor, incoming: IncomingFile): Promise<InstitutionImportResult> {
    const countyCode = registerCountyOf(actor);
    const bytes = await incoming(this.config.uploads, bytesOf, async () => undefined);
    if (!bytes || bytes.length === 0) {
      throw ApiException.validation({ file: '请选择要导入的表格（.xlsx）' });
    }
    const inflation = await inflationVerdict(bytes, SHEET_INFLATION);
    if (inflation === 'broken') throw ApiException.validation({ file: NOT_XLSX }, NOT_XLSX);
    if (inflation !== 'fits') {
      throw ApiException.validation({ file: UNPACKS_TOO_LARGE }, UNPACKS_TOO_LARGE);
    }
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw ApiException.validation({ file: NOT_XLSX }, NOT_XLSX);
    }
    const sheet = readInstitutionSheet(workbook);
    if ('errors' in sheet) throw ApiException.validation(sheet.errors);
    const rows = await this.checked(sheet.rows, sheet.columns, countyCode);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store(actor, rows, countyCode);
      } catch (error) {
        // Another import added one of these names between our read and our insert: read again,
        // and the name is now one to update.
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= IMPORT_ATTEMPTS) throw importedMeanwhile();
      }
    }
  }

  /** One transaction: new names inserted, known ones updated (a retired one restored), audited. */
  private store(
    actor: Actor,
    rows: ImportRow[],
    countyCode: string,
  ): Promise<InstitutionImportResult> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const existing = new Map(
        (
          await this.institutions.findByNames(
            manager,
            countyCode,
            rows.map((row) => row.name),
          )
        ).map((row) => [row.name, row]),
      );
      const result: InstitutionImportResult = { created: 0, updated: 0, unchanged: 0 };
      const created: InstitutionEntity[] = [];
      let restored = 0;
      for (const row of rows) {
        const found = existing.get(row.name);
        if (!found) {
          created.push({
            id: randomUUID(),
            countyCode,
            ...row,
            contactName: row.contactName ?? null,
            contactPhone: row.contactPhone ?? null,
            retiredAt: null,
            createdAt: now,
            updatedAt: now,
          });
        } else if (sameRow(found, { ...found, ...row })) {
          result.unchanged++;
        } else {
          // A retired institution named in the sheet is on the register again.
          await this.institutions.save(manager, {
            ...found,
            ...row,
            retiredAt: null,
            updatedAt: now,
          });
          if (found.type !== row.type) {
            await this.institutions.copyToMembers(manager, { ...found, type: row.type });
          }
          if (found.retiredAt) restored++;
          result.updated++;
        }
      }
      for (let i = 0; i < created.length; i += INSERT_BATCH) {
        await this.institutions.insert(manager, created.slice(i, i + INSERT_BATCH));
      }
      result.created = created.length;
      await this.audit.record(manager, actor, {
        action: 'institution.import',
        targetType: 'institution',
        targetId: null,
        divisionCode: countyCode,
        detail: { ...result, restored },
      });
      return result;
    });
  }

  /** Every row checked; 400 with each refused cell, or the rows to store. */
  private async checked(
    rows: SheetRow[],
    columns: readonly InstitutionField[],
    countyCode: string,
  ): Promise<ImportRow[]> {
    // A present contact column's empty cell clears; an absent column leaves the stored value.
    const blank = Object.fromEntries(
      (['contactName', 'contactPhone'] as const)
        .filter((field) => columns.includes(field))
        .map((field) => [field, null]),
    );
    const codes = [
      ...new Set(
        rows
          .map((row) => row.cells.divisionCode && withoutEdgeSpaces(row.cells.divisionCode))
          .filter(
            (code): code is string =>
              code !== undefined && isDivisionCode(code) && code.startsWith(countyCode),
          ),
      ),
    ];
    const unknown = new Set(await this.divisions.unknown(codes));
    const place = { countyCode, divisionExists: (code: string) => !unknown.has(code) };
    const errors: Record<string, string> = {};
    const firstRowOfName = new Map<string, number>();
    const checked: ImportRow[] = [];
    for (const { row, cells, refused } of rows) {
      const typeLabel = cells.type;
      const typeLines =
        typeLabel === undefined
          ? null
          : singleLineProblem(typeLabel, INSTITUTION_SHEET_HEADINGS.type);
      const type =
        typeLabel === undefined ? undefined : typeLines ? null : orgTypeOfLabel(typeLabel);
      const fields = {
        ...cells,
        type,
        divisionCode: cells.divisionCode && withoutEdgeSpaces(cells.divisionCode),
      };
      const problems: Partial<Record<InstitutionField, string>> = {
        ...institutionProblems(fields, place),
        ...(type === null ? { type: typeLines ?? INSTITUTION_TYPE_LABEL_MESSAGE } : {}),
        // A date or a TRUE in a cell: said as such, not as the empty cell it reads as.
        ...refused,
      };
      const name =
        cells.name === undefined || problems.name
          ? undefined
          : canonicalInstitutionName(cells.name);
      if (name !== undefined) {
        const first = firstRowOfName.get(name);
        if (first !== undefined) problems.name = `与第${first}行重名：一个机构只填一行`;
        else firstRowOfName.set(name, row);
      }
      for (const [field, problem] of Object.entries(problems)) {
        errors[
          institutionImportErrorKey(row, INSTITUTION_SHEET_HEADINGS[field as InstitutionField])
        ] = problem;
      }
      if (Object.keys(problems).length === 0) {
        checked.push({
          name: name as string,
          type: type as OrgType,
          divisionCode: fields.divisionCode as string,
          ...blank,
          ...storedContact(cells),
        });
      }
    }
    if (Object.keys(errors).length > 0) {
      throw ApiException.validation(
        errors,
        '表格中有填写不对的地方，请按提示修改后重新导入；这次没有导入任何机构',
      );
    }
    return checked;
  }
}

function sameRow(found: InstitutionEntity, row: ImportRow): boolean {
  return (
    found.retiredAt === null &&
    found.type === row.type &&
    found.divisionCode === row.divisionCode &&
    found.contactName === row.contactName &&
    found.contactPhone === row.contactPhone
  );
}
