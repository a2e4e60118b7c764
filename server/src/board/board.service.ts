import { Inject, Injectable } from '@nestjs/common';
import { CLOCKS, PRIORITIES, shanghaiDate, type CountyBoard } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { CLOCK, type Clock } from '../common/clock';
import { UnitsRepository } from '../units/units.repository';
import { BoardRepository } from './board.repository';

/** Midnight in Beijing of the day, or of the first of the month, that `now` falls in. */
function beijingStart(now: Date, unit: 'day' | 'month'): Date {
  const date = shanghaiDate(now);
  return new Date(`${unit === 'day' ? date : `${date.slice(0, 7)}-01`}T00:00:00+08:00`);
}

@Injectable()
export class BoardService {
  constructor(
    private readonly board: BoardRepository,
    private readonly units: UnitsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The coordinator's divisions: today's reports, overdue orders by unit, clocks kept this month. */
  async county(actor: Actor): Promise<CountyBoard> {
    const prefixes = actor.unit?.divisionPrefixes ?? [];
    const now = this.clock.now();
    const [reports, overdue, clocks, units] = await Promise.all([
      this.board.reportsByPriority(prefixes, beijingStart(now, 'day')),
      this.board.overdueByUnit(prefixes, now),
      this.board.clocksKept(prefixes, beijingStart(now, 'month'), now),
      this.units.list(),
    ]);
    const names = new Map(units.map((u) => [u.id, u.name]));
    return {
      today: Object.fromEntries(
        PRIORITIES.map((p) => [p, reports.find((r) => r.priority === p)?.count ?? 0]),
      ) as CountyBoard['today'],
      overdueByUnit: overdue
        .map((row) => ({
          unitId: row.unitId,
          unitName: names.get(row.unitId) ?? '已删除的单位',
          overdue: row.count,
        }))
        .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName)),
      onTimeThisMonth: CLOCKS.map(
        (clock) => clocks.find((c) => c.clock === clock) ?? { clock, onTime: 0, total: 0 },
      ),
    };
  }
}
