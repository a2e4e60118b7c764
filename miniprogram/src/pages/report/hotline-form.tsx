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
export function HotlineForm({ form, update, problems, onDanger, onEvidence }: HotlineFormProps) {
  const fields = { form, update, problems };
  return (
    <View className="hotline-form">
      <DangerStep {...fields} onDanger={onDanger} />
      <QuickSituationsStep {...fields} />
      <StoryStep {...fields} onEvidence={onEvidence} />
      <PlaceStep {...fields} />
      <ChildStep {...fields} />
      <CallerStep {...fields} />
    </View>
  );
}
