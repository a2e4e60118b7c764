import { Text, View } from '@tarojs/components';
import { Choice } from '../../components/choice';
import { Dialog } from '../../components/ui';
import { asksSafeTonight } from './report-form';
import type { StepProps } from './steps';

/**
 * 孩子今晚安全吗？ — asked once, when the reporter said there is no danger and then chose a
 * statutory situation. 不安全 or 不确定 marks the report as in danger (P1, police lead) and shows
 * the 110 advice as the danger step does; 安全 carries on.
 */
export function SafeTonightQuestion({
  form,
  update,
  onDanger,
}: Pick<StepProps, 'form' | 'update'> & { onDanger: () => void }) {
  const answer = (safe: boolean) => {
    update(safe ? { safeTonightAsked: true } : { safeTonightAsked: true, immediateDanger: true });
    if (!safe) onDanger();
  };
  // Mounted only while asked: a hidden NutUI dialog stays in the page.
  if (!asksSafeTonight(form)) return null;
  return (
    <Dialog
      className="safe-tonight-dialog"
      visible
      title="孩子今晚安全吗？"
      content={
        <View className="safe-tonight">
          <Text className="hint">
            您选的情况比较严重。如果孩子今晚还要和伤害他的人在一起，或者您拿不准，请选“不安全”或“不确定”。
          </Text>
          <Choice label="不安全" selected={false} onSelect={() => answer(false)} />
          <Choice label="不确定" selected={false} onSelect={() => answer(false)} />
          <Choice label="安全" selected={false} onSelect={() => answer(true)} />
        </View>
      }
      footer={null}
      closeOnOverlayClick={false}
    />
  );
}
