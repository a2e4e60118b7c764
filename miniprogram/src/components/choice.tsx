import { Text, View } from '@tarojs/components';

interface ChoiceProps {
  label: string;
  selected: boolean;
  onSelect: () => void;
  /** Checkboxes show a tick; single choices show a dot. */
  multiple?: boolean;
}

export function Choice({ label, selected, onSelect, multiple = false }: ChoiceProps) {
  return (
    <View
      className={`choice ${selected ? 'choice-selected' : ''}`}
      onClick={onSelect}
      ariaRole={multiple ? 'checkbox' : 'radio'}
      ariaLabel={`${label}${selected ? '，已选' : ''}`}
    >
      <Text className="choice-mark">{selected ? (multiple ? '✓' : '●') : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}
