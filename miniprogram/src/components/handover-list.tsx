import { Text, View } from '@tarojs/components';
import { chineseDateTime, type GuardianshipHandover } from '@shouhu/shared';

/** The written handovers (书面交接) of a child taken into 临时监护, on an order and on the file. */
export function HandoverList({ handovers }: { handovers: readonly GuardianshipHandover[] }) {
  if (handovers.length === 0) return null;
  return (
    <View className="section handover-list">
      <Text className="section-title">书面交接（临时监护）</Text>
      {handovers.map((handover) => (
        <View key={handover.id} className="handover-entry">
          <Text className="progress-text">交接时间：{chineseDateTime(handover.at)}</Text>
          <Text className="progress-text">交出人：{handover.handedOverBy}</Text>
          <Text className="progress-text">接收人：{handover.receivedBy}</Text>
          {/* placedAt is a place, not a time: written as a string so it reads as one. */}
          <Text className="progress-text">{`安置地点：${handover.placedAt}`}</Text>
          {handover.unitName && <Text className="hint">记录单位：{handover.unitName}</Text>}
        </View>
      ))}
    </View>
  );
}
