import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ChildFileSummary } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { ChildFilesService } from './child-files.service';
import { CreateChildFileDto, UpdateChildFileDto } from './dto/child-file.dto';

const fileId = new ParseUUIDPipe({
  exceptionFactory: () => ApiException.notFound('没有找到这份儿童档案'),
});

const DATE_RULES = [
  '`child`：出生日期、身份证号中的出生日期不晚于今天（北京时间）且未满18周岁，二者一致；年龄与出生日期相符',
  '`help[].since`：不晚于今天（北京时间）',
];

/** Village and township workers and the county's coordinator keep the children's files. */
@Controller('children')
export class ChildFilesController {
  constructor(private readonly service: ChildFilesService) {}

  @Post()
  @ApiOperation({ summary: '建立儿童档案（摸排）' })
  @Access('handler', 'coordinator')
  @Answers('CreatedId')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    ['`divisionCode`：须是收录的乡镇或村，且在本单位负责的区划内', ...DATE_RULES],
  )
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], ['公安、民政、教育等单位的工作人员不能建档'])
  @Refuses(
    HttpStatus.CONFLICT,
    ['CHILD_FILE_EXISTS'],
    [
      '同一个孩子（身份证号、姓名和出生年份、监护人电话）已有档案；能查看那份档案时 `errors.fileId` 给出它的编号',
    ],
  )
  open(@CurrentActor() actor: Actor, @Body() dto: CreateChildFileDto): Promise<{ id: string }> {
    return this.service.open(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: '修改儿童档案',
    description: '变更档案内容、迁到本县其他村（乡镇）、销号或恢复在册。',
  })
  @Access('handler', 'coordinator')
  @Answers('ChildFileSummary')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      '`status`：closed 须填 `closeReason`，原因为 other 时须填 `closeNote`；不销号时不填这两项',
      '`divisionCode`：须是收录的乡镇或村，且在本县；迁出本县请销号',
      ...DATE_RULES,
      '`child`：出生日期、身份证号中的出生日期不晚于建档那天（北京时间）',
    ],
  )
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], ['办理工单的单位只能查看档案，不能修改'])
  @Refuses(HttpStatus.CONFLICT, ['CHILD_FILE_CLOSED'], ['已销号的档案只能恢复在册'])
  update(
    @CurrentActor() actor: Actor,
    @Param('id', fileId) id: string,
    @Body() dto: UpdateChildFileDto,
  ): Promise<ChildFileSummary> {
    return this.service.update(actor, id, dto);
  }
}
