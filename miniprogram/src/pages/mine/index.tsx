import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPORT_STATUS_LABELS, chineseDateTime, formatTrackingCode } from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { OutboxCard } from '../../components/outbox-card';
import { PageState } from '../../components/page-state';
import { ReportDepartments, ReportedWords } from '../../components/report-departments';
import { usePageData } from '../../hooks/use-page-data';
import { useOutbox } from '../../hooks/use-outbox';
import { fetchMyReports, keptReceipt } from '../../services/reports';

/** The list shows the start of what the reporter wrote; the progress page all of it. */
const LISTED_DESCRIPTION_CHARS = 60;

export default function MyReportsPage() {
  const { data: reports, error, reload } = usePageData(fetchMyReports);
  const { sent } = useOutbox();
  const latestSent = sent[0]?.idempotencyKey;
  useEffect(() => {
    if (latestSent) void reload();
    // Only when the outbox sent another report: it belongs in the list at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latestSent]);

  // Offline the list cannot load, but a report waiting on the phone is still shown.
  if (reports === null) {
    return (
      <View>
        <OutboxCard />
        <PageState error={error} />
      </View>
    );
  }
  return (
    <View className="page">
      <OutboxCard />
      {error && (
        <View className="error-box">
          <Text className="error-line">{error}</Text>
          <BackHome />
        </View>
      )}
      {reports.length === 0 && (
        <View className="section">
          <Text className="section-title">还没有报告</Text>
          <Text className="hint">您提交的报告会显示在这里，可以随时查看办理进度。</Text>
        </View>
      )}
      {reports.map((report) => (
        <View
          key={report.id}
          className="section my-report"
          onClick={() => void Taro.navigateTo({ url: `/pages/progress/index?id=${report.id}` })}
        >
          <Text className="section-title">{REPORT_STATUS_LABELS[report.status]}</Text>
          {report.reported && (
            <ReportedWords reported={report.reported} limit={LISTED_DESCRIPTION_CHARS} />
          )}
          <ReportDepartments orders={report.orders} />
          <Text className="hint">查询码 {formatTrackingCode(report.trackingCode)}</Text>
          <Text className="hint">提交于 {chineseDateTime(report.createdAt)}</Text>
          <Text className="hint">{report.timeline[report.timeline.length - 1]?.text}</Text>
          {keptReceipt(report.id) && (
            <Text
              className="link my-report-receipt"
              onClick={(e) => {
                e.stopPropagation();
                void Taro.navigateTo({
                  url: `/pages/receipt/index?id=${report.id}&code=${report.trackingCode}`,
                });
              }}
            >
              查看回执
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
