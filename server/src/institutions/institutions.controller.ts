import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  INSTITUTION_IMPORT_MAX_ROWS,
  INSTITUTION_SHEET_HEADINGS,
  type Institution,
  type InstitutionImportResult,
  type Invite,
  type Page,
} from '@shouhu/shared';
import { Answers, AnswersFile } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { MultipartBody } from '../common/body-media-type';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { receiveSingleFile } from '../uploads/multipart-file';
import { CreateInstitutionDto } from './dto/create-institution.dto';
import { InstitutionListQueryDto } from './dto/institution-list-query.dto';
import { UpdateInstitutionDto } from './dto/update-institution.dto';
import { InstitutionImportService } from './institution-import.service';
import { XLSX_MEDIA_TYPE } from './institution-sheet';
import { InstitutionsService } from './institutions.service';

const institutionId = new ParseUUIDPipe({
  exceptionFactory: () => ApiException.notFound('本县名录中没有这个机构'),
});

const ONLY_COUNTY_COORDINATOR = '只有县联席办（一个县）的协调员管理名录；市级协调员没有名录';
const HEADINGS = Object.values(INSTITUTION_SHEET_HEADINGS).join('、');

/**
 * The register of mandated institutions (强制报告主体名录) of the caller's county: its coordinator
 * lists, enters, imports, corrects, retires and restores, and invites a mandated reporter into an
 * institution.
 */
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly service: InstitutionsService,
    private readonly imports: InstitutionImportService,
  ) {}

  @Get()
  @ApiOperation({ summary: '强制报告主体名录（本县）' })
  @Access('coordinator')
  @Answers('InstitutionPage')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  list(
    @CurrentActor() actor: Actor,
    @Query() query: InstitutionListQueryDto,
  ): Promise<Page<Institution>> {
    return this.service.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: '登记一个强制报告主体' })
  @Access('coordinator')
  @Answers('Institution')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  @Refuses(HttpStatus.CONFLICT, ['INSTITUTION_EXISTS'])
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`divisionCode`：须是收录的区划，且是本县或本县之内的乡镇、村'],
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInstitutionDto): Promise<Institution> {
    return this.service.create(actor, dto);
  }

  @Get('template.xlsx')
  @ApiOperation({ summary: '下载名录导入模板' })
  @Access('coordinator')
  @AnswersFile(
    XLSX_MEDIA_TYPE,
    `空白导入表格：第一张表第1行是表头（${HEADINGS}），“类型”和“区划代码”两列是下拉列表；“类型”表列出类型的名称，“区划代码”表列出本县及其乡镇、村的代码和名称`,
  )
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  async template(@CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    // Made before any header is set: a refusal then goes out as our JSON error, not a broken file.
    const workbook = await this.imports.template(actor);
    await reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="institutions-template.xlsx"`)
      .send(workbook);
  }

  /** One .xlsx as multipart/form-data (field `file`, at most 2 MB, unpacking to at most 10 MB). */
  @Post('import')
  @ApiOperation({ summary: '从 Excel 表格导入名录' })
  @Access('coordinator')
  @MultipartBody(
    '一张 .xlsx 表格',
    'Excel 表格（.xlsx，最多 2 MB，解压后最多 10 MB），第一张表按下载的模板填写',
  )
  @Answers('InstitutionImportResult')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  @Refuses(HttpStatus.REQUEST_TIMEOUT, ['UPLOAD_TOO_SLOW'])
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      `第一张表第1行是表头（${HEADINGS}，次序不限；名称、类型、区划代码必须有），每行一个机构，最多${INSTITUTION_IMPORT_MAX_ROWS}行`,
      '“类型”填类型的中文名称（见模板第二张表）；“区划代码”是本县或本县之内的乡镇、村',
      '有一行不对就整张表不导入：errors 的键是“第N行 表头”（如“第3行 类型”），不是表格时键是 file',
      '每一格都是文字：日期、TRUE/FALSE、错误值或没有结果的公式都不收；文字中不能有换行和制表符',
      '解压后超过 10 MB 或含有过多文件的表格不收（键是 file）',
      '名称按统一写法（与 POST 相同）已在本县名录中的行更新那个机构；已停用的机构因此恢复，计为更新',
    ],
  )
  importSheet(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstitutionImportResult> {
    return this.imports.importSheet(actor, (pace, sink, discard) =>
      receiveSingleFile(request, reply, pace, sink, discard),
    );
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改、停用或恢复名录中的机构' })
  @Access('coordinator')
  @Answers('Institution')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  @Refuses(HttpStatus.NOT_FOUND, ['NOT_FOUND'], ['不在本县名录中的机构'])
  @Refuses(HttpStatus.CONFLICT, ['INSTITUTION_EXISTS'])
  update(
    @CurrentActor() actor: Actor,
    @Param('id', institutionId) id: string,
    @Body() dto: UpdateInstitutionDto,
  ): Promise<Institution> {
    return this.service.update(actor, id, dto);
  }

  @Post(':id/invites')
  @ApiOperation({ summary: '邀请这个机构的强制报告责任人' })
  @Access('coordinator')
  @Answers('Invite')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], [ONLY_COUNTY_COORDINATOR])
  @Refuses(HttpStatus.NOT_FOUND, ['NOT_FOUND'], ['不在本县名录中的机构'])
  @Refuses(HttpStatus.CONFLICT, ['INSTITUTION_RETIRED'])
  invite(
    @CurrentActor() actor: Actor,
    @Param('id', institutionId) id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<Invite> {
    return this.service.invite(actor, id);
  }
}
