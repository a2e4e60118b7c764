import Taro from '@tarojs/taro';
import { requirePrivacyConsent } from './privacy';

export type Position = { latitude: number; longitude: number };

export class LocationUnavailable extends Error {}

/** The phone's position, asked only when the reporter taps for it. */
export async function currentPosition(): Promise<Position> {
  if (!(await requirePrivacyConsent())) {
    throw new LocationUnavailable('需要您同意隐私说明后才能获取位置；也可以只填写地址');
  }
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'wgs84' });
    return { latitude: Number(latitude.toFixed(6)), longitude: Number(longitude.toFixed(6)) };
  } catch {
    throw new LocationUnavailable('没有取得位置：请允许使用位置信息，或直接填写详细地址');
  }
}
