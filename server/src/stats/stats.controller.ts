import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { OrderSummary, Page, StatsOverview } from '@shouhu/shared';
import { Answers } from '../api-docs/answers.decorator';
import { Access } from '../access/access.decorator';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor';
import { ClockOrdersQueryDto, StatsQueryDto } from './dto/stats-query.dto';
import { StatsService } from './stats.service';

/**
 * The accountability figures (issue 16): the county's coordinator sees the county, a township's
 * 儿童督导员 the township, a village's 儿童主任 the village; others 403.
 */
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('overview')
  @ApiOperation({
    summary: '履职统计',
    description:
      '区间内（北京日期，首尾都含）的报告数、趋势、情形、渠道、优先级、乡镇分布、重复报告占比；在册儿童按类别和状态、控辍保学；各单位各时限的按时率、中位和P90用时、督办和红色清单次数、中止数（到期时间落在区间内的时限）；强制报告主体的报告时延和“应报未报”名单；满意度。',
  })
  @Access('handler', 'coordinator')
  @Answers('StatsOverview')
  overview(@CurrentActor() actor: Actor, @Query() query: StatsQueryDto): Promise<StatsOverview> {
    return this.stats.overview(actor, query);
  }

  @Get('clock-orders')
  @ApiOperation({
    summary: '履职统计：一根柱子背后的工单',
    description:
      '某单位某时限在区间内按时、超时、督办、红色清单或中止的工单，按到期时间排序分页。乡镇、村只能看本单位的。',
  })
  @Access('handler', 'coordinator')
  @Answers('OrderPage')
  clockOrders(
    @CurrentActor() actor: Actor,
    @Query() query: ClockOrdersQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.stats.clockOrders(actor, query);
  }
}
