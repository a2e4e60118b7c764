import { Controller, Get, Query, HttpStatus } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import { DivisionsService, type DivisionItem } from './divisions.service';

export class DivisionQueryDto {
  @IsOptional()
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, { message: '上级区划代码应为2、4、6或9位数字' })
  parent?: string;
}

@Controller('divisions')
export class DivisionsController {
  constructor(private readonly service: DivisionsService) {}

  @Get()
  @ApiOperation({ summary: '行政区划（逐级）' })
  @Access('public')
  @Answers('Divisions')
  @Refuses(HttpStatus.NOT_FOUND, ['NOT_FOUND'])
  children(@Query() query: DivisionQueryDto): Promise<DivisionItem[]> {
    return this.service.children(query.parent);
  }
}
