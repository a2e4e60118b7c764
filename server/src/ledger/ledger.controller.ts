import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnswersFile } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { StatsPeriodQueryDto } from '../stats/dto/stats-period-query.dto';
import { LedgerService } from './ledger.service';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Controller('stats')
export class LedgerController {
  constructor(private readonly service: LedgerService) {}

  @Get('ledger.xlsx')
  @ApiOperation({
    summary: '台账（Excel）',
    description:
      '三张表：报告台账（统计区间内每份报告一行：查询码、提交和发现时间、报告延迟、渠道、情形、紧急程度、乡镇、村、报告单位、儿童、身份证号、报告人、各工单的签收/接触/办结时间及是否按时、办理结果、评分、重复报告、儿童档案）；儿童档案（范围内每份档案一行，姓名打码）；半年汇总（区间涉及的每个半年：报告数及按情形类别、工单办结数、各时限按时率、走访完成和逾期次数；截至导出时在册儿童按类别、控辍保学按状态）。' +
      '时间均为北京时间 yyyy-mm-dd hh:mm。县联席办导出全县，乡镇儿童督导员导出本乡镇，村（居）儿童主任导出本村；其他角色 403。' +
      '儿童姓名和身份证号只对能查看该报告的人（县联席办、持有该报告工单的单位）显示全文，其余打码（王*红、前6位和后4位）；报告人按保密规则：匿名从不显示，保密只对县联席办和公安工单显示，否则只写“保密”“实名”；报告单位只对能知道报告人的人显示名称，否则只写单位类型。' +
      '边查边写，逐行输出，十万行也不占满内存；每次导出记入审计日志（stats.ledger，不含儿童信息）。',
  })
  @Access('coordinator', 'handler')
  @AnswersFile(XLSX_MIME, '台账工作簿（文件名含地区和区间）')
  async download(
    @CurrentActor() actor: Actor,
    @Query() query: StatsPeriodQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { fileName, stream } = await this.service.open(actor, query);
    await reply
      .header('content-type', XLSX_MIME)
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      .send(stream);
  }
}
