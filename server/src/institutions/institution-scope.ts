import type { Actor } from '../access/actor';
import { ApiException } from '../common/api-exception';

/**
 * The county whose register the caller keeps: a coordinator of a county's 联席办 (a coordinator
 * unit over one county, 6 digits). A city's coordinator keeps none: 403 (domain.md,
 * "Accountability": a register per county).
 */
export function registerCountyOf(actor: Actor): string {
  const unit = actor.unit;
  const [prefix, ...more] = unit?.divisionPrefixes ?? [];
  if (unit?.department !== 'coordinator' || more.length > 0 || prefix?.length !== 6) {
    throw ApiException.forbidden('只有县联席办的协调员可以管理本县的强制报告主体名录');
  }
  return prefix;
}
