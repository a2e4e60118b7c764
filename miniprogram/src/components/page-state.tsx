import { Text, View } from '@tarojs/components';
import { BackHome } from './back-home';

/** What a page opened without the parameters its address needs (an id, a code) shows. */
export const INCOMPLETE_ADDRESS = '页面地址不完整，无法打开。请返回首页重新进入。';

/**
 * The whole page while its data is loading, or once loading failed with what to do and a way
 * back to the home page.
 */
export function PageState({
  error,
  errorClass = '',
}: {
  error: string | null;
  errorClass?: string;
}) {
  return (
    <View className="page">
      {error ? (
        <View className="error-box">
          <Text className={`error-line ${errorClass}`}>{error}</Text>
          <BackHome />
        </View>
      ) : (
        <Text className="hint">正在加载…</Text>
      )}
    </View>
  );
}
