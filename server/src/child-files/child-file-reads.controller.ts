import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { ChildFileDetail, ChildFileSummary, Page } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { childFileNotFound } from './child-file-not-found';
import { ChildFileQueriesService } from './child-file-queries.service';
import { ChildFileListQueryDto } from './dto/child-file-list-query.dto';

const fileId = new ParseUUIDPipe({ exceptionFactory: childFileNotFound });

/**
 * Children's files (儿童档案) as staff read them: village and township units keep their places'
 * files, the coordinator sees the county's, other departments' handlers a file while they hold an
 * order about the child. Administrators see no child.
 */
@Controller('children')
export class ChildFileReadsController {
  constructor(private readonly queries: ChildFileQueriesService) {}

  @Get()
  @ApiOperation({ summary: '儿童档案列表' })
  @Access('handler', 'coordinator')
  @Answers('ChildFilePage')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ChildFileListQueryDto,
  ): Promise<Page<ChildFileSummary>> {
    return this.queries.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '儿童档案详情' })
  @Access('handler', 'coordinator')
  @Answers('ChildFileDetail')
  detail(@CurrentActor() actor: Actor, @Param('id', fileId) id: string): Promise<ChildFileDetail> {
    return this.queries.detail(actor, id);
  }
}
