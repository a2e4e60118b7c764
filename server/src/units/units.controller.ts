import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import type { Unit } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
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
  @Access('admin')
  @Answers('Unit')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<Unit> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
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
  @Access('admin', 'coordinator')
  @Answers('Units')
  list(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.service.list(actor);
  }
}
