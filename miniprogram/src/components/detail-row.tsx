import { Text, View } from '@tarojs/components';

/** One labelled line of a detail page (an order, a child's file): 姓名 · 郑小禾. */
export function DetailRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="detail-row">
      <Text className="detail-label">{label}</Text>
      <Text className="detail-value">{value}</Text>
    </View>
  );
}
