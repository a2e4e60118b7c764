import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  DEFAULT_SLA_POLICY,
  ORDER_ROLE_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  chineseDateTime,
  durationText,
  formatTrackingCode,
  leadFirst,
  placementText,
  type SubscribeKind,
} from '@shouhu/shared';
import { Call110Button } from '../../components/call-110-button';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { offeredTemplates, subscribeToReport } from '../../services/notifications';
import { requirePrivacyConsent } from '../../services/privacy';
import { keptReceipt } from '../../services/reports';
import './index.css';

/** 紧急的30分钟内签收，…: the sign clocks of the SLA policy, which the server's deadlines follow. */
const SIGN_DEADLINES = PRIORITIES.map(
  (p) => `${PRIORITY_LABELS[p]}的${durationText(DEFAULT_SLA_POLICY.clocks.sign[p])}内签收`,
).join('，');

const NO_RECEIPT =
  '这台手机上没有这份报告的回执。已提交的报告可以在“我的报告”或“查询进度”里查看办理情况。';

export default function ReceiptPage() {
  const { id = '', code = '', call110, hotline } = useRouter().params;
  const [receipt] = useState(() => keptReceipt(id));
  const [offered, setOffered] = useState<[SubscribeKind, string][]>([]);
  const [subscription, setSubscription] = useState<
    'idle' | 'asking' | 'subscribed' | 'declined' | 'failed'
  >('idle');

  useEffect(() => {
    offeredTemplates().then(setOffered, () => setOffered([]));
  }, []);

  async function subscribe() {
    if (subscription === 'asking') return;
    setSubscription('asking');
    try {
      setSubscription(await subscribeToReport(id, offered));
    } catch {
      setSubscription('failed');
    }
  }

  async function copy() {
    if (!(await requirePrivacyConsent())) return;
    await Taro.setClipboardData({ data: formatTrackingCode(code) }).catch(() =>
      Taro.showToast({ title: '复制失败，请手动记下', icon: 'none' }),
    );
  }

  if (!code) return <PageState error={INCOMPLETE_ADDRESS} />;
  // A receipt is the server's answer kept on this phone; an address alone proves nothing was filed.
  if (!receipt || receipt.trackingCode !== code) return <PageState error={NO_RECEIPT} />;
  const orders = [...receipt.orders].sort(leadFirst);
  return (
    <View className="page">
      {call110 === '1' && (
        <View className="danger-box">
          <Text className="danger-title">孩子有危险，请立即拨打110</Text>
          <Call110Button />
        </View>
      )}

      <View className="section receipt">
        <Text className="section-title">报告已提交</Text>
        <Text className="hint">请记下查询码，可以用它随时查看办理进度：</Text>
        <Text className="receipt-code" userSelect>
          {formatTrackingCode(code)}
        </Text>
        <View className="big-button big-button-secondary receipt-copy" onClick={() => void copy()}>
          <Text>复制查询码</Text>
        </View>
      </View>

      {hotline === '1' && (
        <View className="section receipt-hotline">
          <Text className="section-title">请向来电人读出查询码</Text>
          <Text className="receipt-spoken">{formatTrackingCode(code).split('').join(' ')}</Text>
          <Text className="hint">
            并告诉来电人：可以在“守护”小程序或拨打热线，用查询码查看办理进度。
          </Text>
          <View
            className="big-button big-button-primary receipt-next-call"
            onClick={() => void Taro.redirectTo({ url: '/pages/report/index?channel=hotline' })}
          >
            <Text>登记下一个来电</Text>
          </View>
        </View>
      )}

      <View className="section receipt-next">
        <Text className="section-title">接下来会怎样</Text>
        {orders.length > 0 ? (
          <View>
            <Text className="hint">报告已经送到以下地方，要在规定时间内签收并办理：</Text>
            {orders.map((order) => (
              <View key={`${order.department}-${order.role}`} className="receipt-order">
                <Text className="receipt-department">
                  {placementText(order.department, order.placement)}（
                  {ORDER_ROLE_LABELS[order.role]}）
                </Text>
                <Text className="hint">{chineseDateTime(order.signDueAt)} 前签收</Text>
                <Text className="hint">{chineseDateTime(order.resolveDueAt)} 前办结</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className="hint">报告会按情况送到负责的部门，{SIGN_DEADLINES}。</Text>
        )}
        <Text className="hint receipt-later">
          {hotline === '1'
            ? '请告诉来电人：凭查询码可在“守护”小程序的“查询进度”里查看办理情况；同意接收短信的，受理和办结时会收到短信。超时未办会自动督办。'
            : '部门签收、有进展和办结时，都会显示在“我的报告”里；超时未办会自动督办。'}
        </Text>
      </View>

      {offered.length > 0 && (
        <View className="section receipt-subscribe">
          <Text className="section-title">办理进度通知</Text>
          {subscription === 'subscribed' ? (
            <Text className="hint receipt-subscribed">
              已开启。部门受理、有进展和办结时，微信会通知您。
            </Text>
          ) : (
            <View>
              <Text className="hint">
                {subscription === 'declined'
                  ? '您没有同意接收通知。随时可以在“我的报告”里查看进度。'
                  : subscription === 'failed'
                    ? '开启没有成功，请稍后再试；也可以在“我的报告”里查看进度。'
                    : '部门受理、有进展和办结时，用微信通知您。'}
              </Text>
              <View
                className="big-button big-button-primary receipt-subscribe-button"
                onClick={() => void subscribe()}
              >
                <Text>{subscription === 'asking' ? '正在开启…' : '接收受理、进度、办结通知'}</Text>
              </View>
            </View>
          )}
        </View>
      )}

      <View
        className="big-button big-button-secondary receipt-progress"
        onClick={() => void Taro.redirectTo({ url: `/pages/progress/index?id=${id}` })}
      >
        <Text>查看办理进度</Text>
      </View>
      <View
        className="big-button big-button-primary"
        onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}
      >
        <Text>返回首页</Text>
      </View>
      <PrivacyPrompt />
    </View>
  );
}
