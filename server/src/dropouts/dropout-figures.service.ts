import { Inject, Injectable } from '@nestjs/common';
import { dropoutStateFigures, type DropoutStateFigure } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { childFileListScope } from '../child-files/child-file-scope';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { DropoutFiguresRepository } from './dropout-figures.repository';
import type { DropoutFiguresQueryDto } from './dto/dropout-figures-query.dto';

/**
 * How many children are in each 控辍保学 state and for how long (the issue: "The county sees how
 * many children are in each state and for how long"), over the places the caller keeps or
 * coordinates: the county for its coordinator, the township or village for their workers. Counts
 * only, nothing that names a child, so no read of a file is audited.
 */
@Injectable()
export class DropoutFiguresService {
  constructor(
    private readonly figures: DropoutFiguresRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 403 for a handler of another department (police, civil affairs, education). */
  async of(actor: Actor, query: DropoutFiguresQueryDto): Promise<DropoutStateFigure[]> {
    const { divisionPrefixes } = childFileListScope(actor);
    if (divisionPrefixes.length === 0) {
      throw ApiException.forbidden('控辍保学统计由村（居）委会、乡镇和县联席办查看');
    }
    const groups = await this.figures.groups({
      prefixes: divisionPrefixes,
      division: query.division,
    });
    return dropoutStateFigures(groups, this.clock.now());
  }
}
