import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';

/** Why one field is refused, in red under it: `problems` keyed as the server names fields. */
export function FieldError({ problems, name }: { problems: Record<string, string>; name: string }) {
  return problems[name] ? (
    <Text className={`error-line field-error field-error-${name.replace(/\./g, '-')}`}>
      {problems[name]}
    </Text>
  ) : null;
}

/** ` input-error` (the box drawn in red) on the input of a refused field; nothing otherwise. */
export function invalidClass(problems: Record<string, string>, name: string): string {
  return problems[name] ? ' input-error' : '';
}

/** The first field in error on the page: its red box, or the red line under choices that have none. */
const FIRST_ERROR = '.input-error, .field-error';

/**
 * Scrolls the page to the first field in error once the refused form is drawn; call the returned
 * function (the same one on every render) on each refused submit.
 */
export function useScrollToFirstError(): () => void {
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    void Taro.pageScrollTo({ selector: FIRST_ERROR, duration: 300 }).catch(() => undefined);
  }, [refusals]);
  return useCallback(() => setRefusals((n) => n + 1), []);
}
