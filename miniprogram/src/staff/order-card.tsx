import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  ORDER_ROLE_LABELS,
  ORDER_STATUS_LABELS,
  escalationLevelText,
  priorityText,
  situation,
  type OrderSummary,
} from '@shouhu/shared';
import { countdown, PRIORITY_CLASS } from './inbox-logic';

interface OrderCardProps {
  order: OrderSummary;
  now: Date;
  /** Coordinators see every unit's orders, so the card names the unit. */
  showUnit?: boolean;
}

/** One order in a list: how urgent, what, where, and how long is left. */
export function OrderCard({ order, now, showUnit = false }: OrderCardProps) {
  const clock = order.nextClock
    ? countdown(order.nextClock.clock, order.nextClock.dueAt, now)
    : null;
  const escalation = escalationLevelText(order.escalationLevel);
  return (
    <View
      className={`section order-card ${PRIORITY_CLASS[order.priority]}`}
      onClick={() => void Taro.navigateTo({ url: `/staff/order/index?id=${order.id}` })}
    >
      <View className="order-card-head">
        <Text className={`priority-badge ${PRIORITY_CLASS[order.priority]}`}>
          {priorityText(order.priority)}
        </Text>
        <Text className="order-role">{ORDER_ROLE_LABELS[order.role]}</Text>
        <Text className="order-status">{ORDER_STATUS_LABELS[order.status]}</Text>
      </View>
      <Text className="order-situations">
        {order.situations.map((code) => situation(code).plainLabel).join('；')}
      </Text>
      <Text className="hint order-place">
        {order.placeName}
        {showUnit && order.unitName ? ` · ${order.unitName}` : ''}
        {order.unrouted ? ' · 未匹配区划' : ''}
      </Text>
      <View className="order-card-foot">
        {clock && (
          <Text className={`order-countdown ${clock.overdue ? 'order-overdue' : ''}`}>
            {clock.text}
          </Text>
        )}
        {escalation && <Text className="order-escalation">{escalation}</Text>}
        {order.outcome && <Text className="hint">{order.outcome.label}</Text>}
      </View>
    </View>
  );
}
