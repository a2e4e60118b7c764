import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  inputMaxLength,
  PURGED_NOTICE,
  REPORT_STATUS_LABELS,
  SCORES,
  SCORE_LABELS,
  SCORE_RANGE,
  TEXT_LIMITS,
  chineseDay,
  chineseDateTime,
  formatTrackingCode,
  type ReporterReportView,
} from '@shouhu/shared';
import { failureText } from '../../services/api-error';
import { fetchMyReport, rateReport, trackReport } from '../../services/reports';
import './index.css';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { ReportDepartments, ReportedWords } from '../../components/report-departments';

const { min, max } = SCORE_RANGE;
const SCORE_HINT = `${min}分${SCORE_LABELS[min]}，${max}分${SCORE_LABELS[max]}`;

export default function ProgressPage() {
  const { id, code } = useRouter().params;
  const [report, setReport] = useState<ReporterReportView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (!id && !code) return;
    const load = id ? fetchMyReport(id) : trackReport(code ?? '');
    load.then(setReport, (e: unknown) => setError(failureText(e, '加载失败，请稍后再试')));
  }, [id, code]);

  async function rate() {
    if (!report || score === null || sending) return;
    setSending(true);
    setRefusal(null);
    try {
      setReport(await rateReport(report.id, score, comment));
    } catch (e) {
      setRefusal(failureText(e, '提交失败，请检查网络后再试；评价内容已保留'));
    } finally {
      setSending(false);
    }
  }

  if (!id && !code) return <PageState error={INCOMPLETE_ADDRESS} />;
  if (error || !report) return <PageState error={error} />;
  return (
    <View className="page">
      <View className="section">
        <Text className="section-title progress-status">{REPORT_STATUS_LABELS[report.status]}</Text>
        <Text className="hint">查询码 {formatTrackingCode(report.trackingCode)}</Text>
      </View>

      {report.purgedAt && (
        <View className="section progress-purged">
          <Text className="section-title">{PURGED_NOTICE}</Text>
          <Text className="hint">
            报告办结已超过保存期限，{chineseDay(report.purgedAt)}
            起不再保存孩子和报告人的信息、描述和照片视频；办理部门和结果仍可查看。
          </Text>
        </View>
      )}

      {report.reported && (
        <View className="section progress-reported">
          <Text className="section-title">您报告的情况</Text>
          <ReportedWords reported={report.reported} />
        </View>
      )}

      <View className="section progress-departments">
        <Text className="section-title">办理部门</Text>
        <ReportDepartments orders={report.orders} />
      </View>

      {report.outcome && (
        <View className="section progress-outcome">
          <Text className="section-title">办理结果：{report.outcome.label}</Text>
          <Text>{report.outcome.summary}</Text>
        </View>
      )}

      <View className="section">
        <Text className="section-title">进度</Text>
        {report.timeline.map((entry) => (
          <View key={`${entry.at}-${entry.kind}`} className="progress-entry">
            <Text className="hint">{chineseDateTime(entry.at)}</Text>
            <Text className="progress-text">{entry.text}</Text>
          </View>
        ))}
      </View>

      {id && report.status === 'closed' && !report.rating && (
        <View className="section progress-rating">
          <Text className="section-title">您对办理结果满意吗？</Text>
          <View className="score-row">
            {SCORES.map((s) => (
              <View
                key={s}
                className={`score ${score === s ? 'score-selected' : ''}`}
                ariaRole="radio"
                ariaLabel={`${s}分`}
                onClick={() => setScore(s)}
              >
                <Text>{s}分</Text>
              </View>
            ))}
          </View>
          <Text className="hint">{SCORE_HINT}</Text>
          <Textarea
            className="textarea"
            value={comment}
            maxlength={inputMaxLength(TEXT_LIMITS.ratingComment)}
            placeholder="还有什么想说的（选填）"
            onInput={(e) => setComment(e.detail.value)}
          />
          {refusal && <Text className="error-line progress-refusal">{refusal}</Text>}
          <View
            className={`big-button big-button-primary progress-rate ${score === null ? 'big-button-disabled' : ''}`}
            onClick={() => void rate()}
          >
            <Text>{sending ? '正在提交…' : '提交评价'}</Text>
          </View>
        </View>
      )}
      {report.rating && (
        <View className="section">
          <Text className="hint">您的评价：{report.rating.score}分</Text>
        </View>
      )}
    </View>
  );
}
