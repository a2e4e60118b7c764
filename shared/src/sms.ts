import { type ClockName, CLOCK_LABELS } from './clocks';
import { chineseShortDateTime } from './beijing-time';
import type { EscalationStage } from './escalation';
import { situationWords } from './notifications';
import { OUTCOME_LABELS, type Outcome } from './outcomes';
import { PRIORITY_LABELS, type Priority } from './priorities';
import type { SituationCode } from './situations';
import { shortened } from './text-limits';

/**
 * The text messages (SMS) the server sends. Duty phones of units hear of every P1 order at
 * dispatch and of every escalation (督办), so "立即" reaches a person without the app; a hotline
 * caller who agreed hears of 受理 and 办结 of the report they phoned in.
 */
export const SMS_KINDS = [
  'duty_order',
  'duty_escalation',
  'caller_accepted',
  'caller_closed',
] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/**
 * Longest value of one template variable. Tencent Cloud SMS allows 6 characters per variable
 * unless the template declares a longer variable type when it is submitted for review (README
 * "Text messages" names the types); every value is cut to this in code points, so a review that
 * grants 12 is never exceeded.
 */
export const SMS_PARAM_MAX_LENGTH = 12;

/** Shown instead of an empty variable, which the provider refuses. */
const SEE_ORDER = '见工单';

function param(text: string): string {
  return shortened(text.replace(/\s+/g, ''), SMS_PARAM_MAX_LENGTH);
}

/** What a duty-phone message says about an order: never the child, the situation or a name. */
export interface DutyOrderFacts {
  priority: Priority;
  situations: readonly SituationCode[];
  /** The township (and village) of the report. */
  place: string;
}

/**
 * `duty_order`, a P1 order reached the unit: 【签名】{1}工单：{2}，{3}，请于{4}前签收。
 * → [紧急, 受到侵害或伤害, 泗城镇, 12月3日 14:30] (the sign deadline, Beijing time).
 */
export function dutyOrderSmsParams(order: DutyOrderFacts & { signDueAt: Date }): string[] {
  return [
    PRIORITY_LABELS[order.priority],
    param(situationWords(order.situations) || SEE_ORDER),
    param(order.place || SEE_ORDER),
    chineseShortDateTime(order.signDueAt),
  ];
}

const STAGE_WORDS: Record<EscalationStage, string> = {
  overdue: '已超时督办',
  red: '超时两倍',
};

/**
 * `duty_escalation`, a clock of the unit's order passed 100 % or 200 %:
 * 【签名】{1}工单{2}：{3}，{4}，请立即办理。 → [紧急, 签收已超时督办, 受到侵害或伤害, 泗城镇].
 */
export function dutyEscalationSmsParams(
  order: DutyOrderFacts & { clock: ClockName; stage: EscalationStage },
): string[] {
  return [
    PRIORITY_LABELS[order.priority],
    param(`${CLOCK_LABELS[order.clock]}${STAGE_WORDS[order.stage]}`),
    param(situationWords(order.situations) || SEE_ORDER),
    param(order.place || SEE_ORDER),
  ];
}

/**
 * `caller_accepted`: 【签名】您反映的情况已受理，查询码{1}。 → [ACDEFGHJKM]. The code alone, without
 * dashes (a template's "其他号码" variable takes letters and digits only).
 */
export function callerAcceptedSmsParams(trackingCode: string): string[] {
  return [trackingCode];
}

/**
 * `caller_closed`: 【签名】您反映的情况（查询码{1}）已办结：{2}。 → [ACDEFGHJKM, 已劝返复学]: the lead
 * order's outcome label only, never the summary a handler wrote, which may name the child.
 */
export function callerClosedSmsParams(trackingCode: string, outcome: Outcome | null): string[] {
  return [trackingCode, param(outcome ? OUTCOME_LABELS[outcome] : '可凭查询码查看')];
}
