import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

/** The product never replaces 110: calling is always one tap away. */
export function Call110Button() {
  return (
    <View
      className="big-button big-button-danger"
      onClick={() => void Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)}
    >
      <Text>有危险，立即拨打110</Text>
      <Text className="big-button-note">孩子正在受到伤害或面临危险时，请先报警</Text>
    </View>
  );
}
