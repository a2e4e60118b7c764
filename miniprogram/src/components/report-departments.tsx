import { Text, View } from '@tarojs/components';
import {
  ORDER_ROLE_LABELS,
  REPORTER_ORDER_STATUS_LABELS,
  SITUATION_SHORT_LABELS,
  chineseDateTime,
  placementText,
  shortened,
  type ReporterOrderView,
  type ReporterReportView,
} from '@shouhu/shared';
import './report-departments.css';

/**
 * Where each order of a report is and how far it got, by kind of department (never a unit's
 * name): who holds it (县联席办（待分派到乡镇） when no unit of the department has it), its state,
 * the deadlines still running, and its result once given.
 */
export function ReportDepartments({ orders }: { orders: ReporterOrderView[] }) {
  return (
    <View className="report-departments">
      {orders.map((order) => (
        <View key={`${order.department}-${order.role}`} className="report-department">
          <Text className="report-department-name">
            {placementText(order.department, order.placement)}（{ORDER_ROLE_LABELS[order.role]}）：
            {REPORTER_ORDER_STATUS_LABELS[order.status]}
          </Text>
          {order.result ? (
            <Text className="report-department-result">
              办理结果：{order.result.label}。{order.result.summary}
            </Text>
          ) : (
            <View>
              {order.signDueAt && (
                <Text className="hint">{chineseDateTime(order.signDueAt)} 前签收</Text>
              )}
              {order.resolveDueAt && (
                <Text className="hint">{chineseDateTime(order.resolveDueAt)} 前办结</Text>
              )}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

/** What the report was about, in the reporter's own words; `limit` cuts the description. */
export function ReportedWords({
  reported,
  limit,
}: {
  reported: NonNullable<ReporterReportView['reported']>;
  limit?: number;
}) {
  const description =
    limit === undefined ? reported.description : shortened(reported.description, limit);
  return (
    <View className="reported-words">
      <Text className="reported-situations">
        {reported.situations.map((s) => SITUATION_SHORT_LABELS[s]).join('、')}
      </Text>
      <Text className="reported-description">{description}</Text>
    </View>
  );
}
