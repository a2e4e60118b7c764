import { Text } from '@tarojs/components';

/** Why one field is refused, in red under it: `problems` keyed as the server names fields. */
export function FieldError({ problems, name }: { problems: Record<string, string>; name: string }) {
  return problems[name] ? (
    <Text className={`error-line field-error field-error-${name.replace(/\./g, '-')}`}>
      {problems[name]}
    </Text>
  ) : null;
}
