import { Text, View } from '@tarojs/components';
import {
  SITUATION_CATEGORIES,
  SITUATION_CATEGORY_LABELS,
  situationsIn,
  type SituationCode,
} from '@shouhu/shared';
import { Choice } from './choice';

interface SituationChecklistProps {
  selected: SituationCode[];
  onToggle: (code: SituationCode) => void;
}

/** The situations of domain.md, grouped as there, in words a reporter without training reads. */
export function SituationChecklist({ selected, onToggle }: SituationChecklistProps) {
  return (
    <View>
      {SITUATION_CATEGORIES.map((category) => (
        <View key={category} className="situation-group">
          <Text className="field-label">{SITUATION_CATEGORY_LABELS[category]}</Text>
          {situationsIn(category).map((s) => (
            <Choice
              key={s.code}
              multiple
              label={s.plainLabel}
              selected={selected.includes(s.code)}
              onSelect={() => onToggle(s.code)}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
