import { shanghaiDate } from './beijing-time';
import {
  SCHOOL_HOLIDAY_KIND_LABELS,
  VISIT_REASON_LABELS,
  type SchoolHolidayKind,
  type VisitEscalationStep,
  type VisitEscalationUnit,
  type VisitReason,
} from './visits';

/**
 * What the inbox tells staff about visits on the plan. Like every inbox text (see `inbox.ts`) it
 * names the kind of visit and its deadline, and at most a township or county unit: never the
 * child, the village, the family or the situation (未成年人保护法 第一百零三条).
 */

/** `12月3日`: the Beijing day of a visit's deadline, the year plain from the message's date. */
function monthDay(instant: Date): string {
  const [, month, day] = shanghaiDate(instant).split('-').map(Number);
  return `${month}月${day}日`;
}

/**
 * `new_visit`, to the keeping unit: `count` visits of one kind were put on its plan, due by
 * `dueAt`; a holiday's visits say which holiday started.
 */
export function visitPlannedText(planned: {
  reason: VisitReason;
  dueAt: Date;
  count: number;
  holiday?: SchoolHolidayKind;
}): string {
  const opening = planned.holiday ? `${SCHOOL_HOLIDAY_KIND_LABELS[planned.holiday]}开始了，` : '';
  const count = planned.count === 1 ? '一' : String(planned.count);
  return `${opening}新安排了${count}次${VISIT_REASON_LABELS[planned.reason]}：请在${monthDay(planned.dueAt)}前完成走访。`;
}

/**
 * The file's timeline line when a visit other than the quarterly one is put on its plan (the
 * quarterly plan is told by the visit or the change that started it): 安排了一次案后回访，请在12月30日前完成。
 */
export function visitPlannedLine(planned: { reason: VisitReason; dueAt: Date }): string {
  return `安排了一次${VISIT_REASON_LABELS[planned.reason]}，请在${monthDay(planned.dueAt)}前完成。`;
}

/** `reminder`, `overdue` or `red_list`: one stage a visit reached, in the timeline's words. */
export function visitStageText(step: VisitEscalationStep<VisitEscalationUnit>): string {
  return `一次${step.text}。`;
}
