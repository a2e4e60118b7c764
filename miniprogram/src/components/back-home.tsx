import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

/**
 * The way out of a page that cannot show what it was opened for: a page opened from a shared link
 * or a message may have no page behind it to go back to.
 */
export function BackHome() {
  return (
    <View
      className="big-button big-button-secondary back-home"
      onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
    >
      <Text>返回首页</Text>
    </View>
  );
}
