import { Text, View } from '@tarojs/components';

/** The whole page while its data is loading, or once loading failed with what to do. */
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
        </View>
      ) : (
        <Text className="hint">正在加载…</Text>
      )}
    </View>
  );
}
