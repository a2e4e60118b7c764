import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import {
  DROPOUT_STATE_LABELS,
  WHEREABOUTS_NOTE_MIN,
  type DropoutChanged,
  type DropoutStateFigure,
} from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { childFileNotFound } from '../child-files/child-file-not-found';
import { DropoutFiguresService } from './dropout-figures.service';
import { DropoutsService } from './dropouts.service';
import { DropoutChangeDto } from './dto/dropout-change.dto';
import { DropoutFiguresQueryDto } from './dto/dropout-figures-query.dto';

const fileId = new ParseUUIDPipe({ exceptionFactory: childFileNotFound });

/** 控辍保学: a dropout's place on the list, kept on the child's file, and the county's figures. */
@Controller()
export class DropoutsController {
  constructor(
    private readonly dropouts: DropoutsService,
    private readonly figures: DropoutFiguresService,
  ) {}

  @Post('children/:id/dropout')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '更新控辍保学状态',
    description: `劝返中 → 已复学 → 巩固（复学后回访确认）→ 销号，或 → 去向不明（交公安机关查找）。已复学时排上复学巩固回访；去向不明时从孩子的在办工单转接公安，公安已有在办工单时告知它，没有在办工单时从档案向公安报告，应答说明是哪张工单、哪份报告。`,
  })
  @Access('handler', 'coordinator')
  @Answers('DropoutChanged')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [`\`note\`：${DROPOUT_STATE_LABELS.whereabouts_unknown}时必填，至少${WHEREABOUTS_NOTE_MIN}字`],
  )
  @Refuses(
    HttpStatus.FORBIDDEN,
    ['FORBIDDEN'],
    ['办理工单的单位只能查看档案，不能更新控辍保学状态'],
  )
  @Refuses(
    HttpStatus.CONFLICT,
    ['DROPOUT_TRANSITION', 'CHILD_FILE_CLOSED'],
    ['状态只能按流程改，巩固不能直接选择', '已销号的档案先恢复在册'],
  )
  change(
    @CurrentActor() actor: Actor,
    @Param('id', fileId) id: string,
    @Body() dto: DropoutChangeDto,
  ): Promise<DropoutChanged> {
    return this.dropouts.change(actor, id, dto);
  }

  @Get('dropouts/figures')
  @ApiOperation({
    summary: '控辍保学统计',
    description:
      '本人负责范围内（县联席办：全县；乡镇、村：本乡镇、本村）在册孩子每个控辍保学状态的人数，以及处于该状态的天数（按北京时间的日历天）的中位数和最长值。',
  })
  @Access('handler', 'coordinator')
  @Answers('DropoutFigures')
  @Refuses(
    HttpStatus.FORBIDDEN,
    ['FORBIDDEN'],
    ['公安、民政、教育等单位的工作人员不看控辍保学统计'],
  )
  figuresOf(
    @CurrentActor() actor: Actor,
    @Query() query: DropoutFiguresQueryDto,
  ): Promise<DropoutStateFigure[]> {
    return this.figures.of(actor, query);
  }
}
