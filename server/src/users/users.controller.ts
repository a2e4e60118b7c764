import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Answers } from '../api-docs/answers.decorator';
import { Refuses } from '../api-docs/refuses.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ApiException } from '../common/api-exception';
import { EmptyBodyPipe } from '../common/validation.pipe';
import { UsersService } from './users.service';

@Controller('admin/users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Post(':id/disable')
  @ApiOperation({ summary: '停用账号' })
  @Access('admin')
  @HttpCode(HttpStatus.OK)
  @Answers('DisabledUser')
  @Refuses(HttpStatus.FORBIDDEN, ['FORBIDDEN'], ['不能停用自己的账号'])
  disable(
    @CurrentActor() actor: Actor,
    @Param(
      'id',
      new ParseUUIDPipe({ exceptionFactory: () => ApiException.notFound('没有找到这个用户') }),
    )
    id: string,
    @Body(EmptyBodyPipe) _body: Record<string, never>,
  ): Promise<{ id: string; disabled: true }> {
    return this.service.disable(actor, id);
  }
}
