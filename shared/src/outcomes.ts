import type { ReceivingDepartment } from './departments';

export const OUTCOME_LABELS = {
  case_filed: '已立案侦查',
  case_accepted: '已受案调查',
  warning_issued: '已对监护人出具告诫书',
  no_offence_found: '经核查未发现违法犯罪',
  handed_over: '已移交有管辖权的机关',
  temporary_guardianship: '已实施临时监护',
  placed_with_family: '已委托亲属抚养或家庭寄养',
  benefits_granted: '已纳入保障或给予救助',
  assessed_no_need: '经评估暂不需要保障',
  home_visit_done: '已家访并落实帮扶',
  returned_to_school: '已劝返复学',
  care_arranged: '已落实委托照护',
  referred_to_service: '已转介专业服务',
  answered: '已答复',
} as const;

export type Outcome = keyof typeof OUTCOME_LABELS;

const TOWNSHIP_AND_EDUCATION: readonly Outcome[] = [
  'home_visit_done',
  'returned_to_school',
  'care_arranged',
  'referred_to_service',
  'answered',
];

/** What each department may tell the reporter it did. */
export const OUTCOMES_BY_DEPARTMENT: Record<ReceivingDepartment, readonly Outcome[]> = {
  police: ['case_filed', 'case_accepted', 'warning_issued', 'no_offence_found', 'handed_over'],
  civil_affairs: [
    'temporary_guardianship',
    'placed_with_family',
    'benefits_granted',
    'assessed_no_need',
  ],
  township: TOWNSHIP_AND_EDUCATION,
  education: TOWNSHIP_AND_EDUCATION,
};

export function isOutcomeOf(department: ReceivingDepartment, outcome: string): outcome is Outcome {
  return (OUTCOMES_BY_DEPARTMENT[department] as readonly string[]).includes(outcome);
}
