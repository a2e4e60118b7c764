import { Controller, Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { CountyBoard } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { BoardService } from './board.service';

@Controller('board')
export class BoardController {
  constructor(private readonly service: BoardService) {}

  @Get()
  @ApiOperation({ summary: '县级看板' })
  @Access('coordinator')
  @Answers('CountyBoard')
  county(@CurrentActor() actor: Actor): Promise<CountyBoard> {
    return this.service.county(actor);
  }
}
