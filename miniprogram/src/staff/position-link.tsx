import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';

interface PositionLinkProps {
  latitude: number;
  longitude: number;
}

/** 北纬 33.478100，东经 117.883900: how a person reads a position aloud or types it into a map. */
export function positionText(latitude: number, longitude: number): string {
  const lat = `${latitude >= 0 ? '北纬' : '南纬'} ${Math.abs(latitude).toFixed(6)}`;
  const lng = `${longitude >= 0 ? '东经' : '西经'} ${Math.abs(longitude).toFixed(6)}`;
  return `${lat}，${lng}`;
}

/**
 * 查看报告人标记的位置: WeChat opens its map; where there is no map to open (the H5 build outside
 * WeChat, where Taro's openLocation fails), the position is shown with 复制坐标 for another map app.
 */
export function PositionLink({ latitude, longitude }: PositionLinkProps) {
  const [shown, setShown] = useState(false);
  const coordinates = `${latitude},${longitude}`;

  return (
    <View className="position-link">
      <View
        className="big-button big-button-secondary order-open-position"
        onClick={() =>
          void Taro.openLocation({ latitude, longitude, scale: 16 }).then(
            () => setShown(false),
            () => setShown(true),
          )
        }
      >
        <Text>查看报告人标记的位置</Text>
      </View>
      {shown && (
        <View className="position-fallback">
          <Text className="hint">这里打不开地图。报告人标记的位置：</Text>
          <Text className="position-coordinates">{positionText(latitude, longitude)}</Text>
          <View
            className="big-button big-button-secondary position-copy"
            onClick={() =>
              void Taro.setClipboardData({ data: coordinates }).then(
                () => Taro.showToast({ title: '已复制坐标', icon: 'success' }),
                () => undefined,
              )
            }
          >
            <Text>复制坐标</Text>
          </View>
        </View>
      )}
    </View>
  );
}
