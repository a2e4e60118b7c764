import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPORT_STATUS_LABELS, chineseDateTime, formatTrackingCode } from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { PageState } from '../../components/page-state';
import { usePageData } from '../../hooks/use-page-data';
import { fetchMyReports } from '../../services/reports';

export default function MyReportsPage() {
  const { data: reports, error } = usePageData(fetchMyReports);

  if (reports === null) return <PageState error={error} />;
  return (
    <View className="page">
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
          <Text className="hint">查询码 {formatTrackingCode(report.trackingCode)}</Text>
          <Text className="hint">提交于 {chineseDateTime(report.createdAt)}</Text>
          <Text className="hint">{report.timeline[report.timeline.length - 1]?.text}</Text>
        </View>
      ))}
    </View>
  );
}
