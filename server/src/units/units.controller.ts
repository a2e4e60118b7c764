import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Unit } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { CreateUnitDto } from './dto/create-unit.dto';
import { UpdateUnitDto } from './dto/update-unit.dto';
import { UnitsService } from './units.service';

const unitId = new ParseUUIDPipe({
  exceptionFactory: () => ApiException.notFound('没有找到这个单位'),
});

@Controller('admin/units')
export class UnitsController {
  constructor(private readonly service: UnitsService) {}

  @Post()
  @ApiOperation({ summary: '新建单位' })
  @Access('admin')
  @Answers('Unit')
  @Refuses(
    HttpStatus.BAD_REQUEST,
    ['VALIDATION_FAILED'],
    [
      '`parentId`：须是已有的单位',
      '`divisionPrefixes`：每一个都须是收录的区划代码（GET /divisions 逐级列出）',
      '`department` 为 village（村/居委会，儿童主任）：`divisionPrefixes` 只能是12位的村、社区代码；`parentId` 必填，须是负责这些村的乡镇儿童督导站（department 为 township）',
    ],
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<Unit> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改单位的值班电话' })
  @Access('admin')
  @Answers('Unit')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', unitId) id: string,
    @Body() dto: UpdateUnitDto,
  ): Promise<Unit> {
    return this.service.update(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '单位列表' })
  @Access('admin', 'coordinator')
  @Answers('Units')
  list(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.service.list(actor);
  }
}
