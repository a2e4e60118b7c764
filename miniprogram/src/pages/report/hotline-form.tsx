import { View } from '@tarojs/components';
import type { Evidence } from './report-form';
import {
  CallerStep,
  ChildStep,
  DangerStep,
  PlaceStep,
  QuickSituationsStep,
  StoryStep,
  type StepProps,
} from './steps';

interface HotlineFormProps extends StepProps {
  onDanger: () => void;
  onEvidence: (change: (current: Evidence[]) => Evidence[]) => void;
}

/**
 * The hotline operator's report on one page (issue 11): the same fields as the phone's seven steps,
 * in the order a call goes — danger first, then what the caller says happened, where, the child,
 * the caller — so the operator types while listening and never pages back and forth. The page
 * checks every step at once (`formProblems`) before sending.
 */
export function HotlineForm({ form, update, onDanger, onEvidence }: HotlineFormProps) {
  return (
    <View className="hotline-form">
      <DangerStep form={form} update={update} onDanger={onDanger} />
      <QuickSituationsStep form={form} update={update} />
      <StoryStep form={form} update={update} onEvidence={onEvidence} />
      <PlaceStep form={form} update={update} />
      <ChildStep form={form} update={update} />
      <CallerStep form={form} update={update} />
    </View>
  );
}
