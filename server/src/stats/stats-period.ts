import { beijingInstant, statsPeriodProblems } from '@shouhu/shared';
import { ApiException } from '../common/api-exception';

const DAY_MS = 86_400_000;

/** A period of Beijing days, `from` and `to` both included; `end` is the midnight after `to`. */
export interface StatsPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * The period of `from`–`to` (real dates, checked by the query's DTO), for every `GET /stats/...`
 * route: 400 naming the field shared `statsPeriodProblems` names, so the app and the server
 * refuse the same periods with the same words.
 */
export function statsPeriod(from: string, to: string): StatsPeriod {
  const problems = statsPeriodProblems(from, to);
  if (Object.keys(problems).length > 0) throw ApiException.validation(problems);
  const start = beijingInstant(from, '00:00');
  return { from, to, start, end: new Date(beijingInstant(to, '00:00').getTime() + DAY_MS) };
}
