import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Channel } from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import './index.css';

function openReportForm(channel: Channel) {
  void Taro.navigateTo({ url: `/pages/report/index?channel=${channel}` });
}

export default function IndexPage() {
  return (
    <View className="page">
      <View className="home-header">
        <Text className="home-title">守护</Text>
        <Text className="hint">发现孩子受到伤害、处境危险、无人照料或失学，请告诉我们。</Text>
      </View>

      <Call110Button />

      <View className="big-button big-button-primary" onClick={() => openReportForm('mandatory')}>
        <Text>我要报告（强制报告）</Text>
        <Text className="big-button-note">学校、医院、村（居）委会等单位工作人员</Text>
      </View>

      <View className="big-button big-button-secondary" onClick={() => openReportForm('public')}>
        <Text>我要举报/求助</Text>
        <Text className="big-button-note">任何人都可以，可以匿名</Text>
      </View>

      <View className="choice-row home-links">
        <View
          className="big-button big-button-secondary home-track"
          onClick={() => void Taro.navigateTo({ url: '/pages/track/index' })}
        >
          <Text>查询进度</Text>
        </View>
        <View
          className="big-button big-button-secondary home-mine"
          onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}
        >
          <Text>我的报告</Text>
        </View>
      </View>

      <View className="section">
        <Text className="section-title">报告后会怎样？</Text>
        <Text className="hint">
          报告会按情况送到公安、民政、乡镇儿童督导员等部门办理，您会得到一个查询码，可以随时查看进度。您的身份依法受到保护。
        </Text>
      </View>
    </View>
  );
}
