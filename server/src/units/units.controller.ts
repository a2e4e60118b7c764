import { Body, Controller, Get, Post } from '@nestjs/common';
import type { Unit } from '@shouhu/shared';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { CreateUnitDto } from './dto/create-unit.dto';
import { UnitsService } from './units.service';

@Controller('admin/units')
export class UnitsController {
  constructor(private readonly service: UnitsService) {}

  @Post()
  @Access('admin')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<Unit> {
    return this.service.create(actor, dto);
  }

  @Get()
  @Access('admin', 'coordinator')
  list(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.service.list(actor);
  }
}
