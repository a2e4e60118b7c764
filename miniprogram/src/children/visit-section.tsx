import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  VISIT_CHECKS,
  VISIT_CHECK_LABELS,
  VISIT_CHECK_RESULT_LABELS,
  VISIT_PERSON_LABELS,
  VISIT_REASON_LABELS,
  chineseDateTime,
  chineseShortDateTime,
  type ChildFileReport,
  type ChildFileVisit,
} from '@shouhu/shared';
import { DetailRow as Row } from '../components/detail-row';
import { useStaffOutbox } from '../hooks/use-staff-outbox';
import type { ChildFileDetail } from '@shouhu/shared';
import { serverNow } from '../services/server-clock';
import { openVisitForm } from '../services/visits';
import { positionText } from '../staff/position-link';
import { childName } from './list-query';
import { soonestFirst, visitDueText, visitEscalationBadge } from './visit-list';

/** The report filed from a visit, opening its first order the viewer may open. */
function VisitReport({ report }: { report: ChildFileReport | undefined }) {
  const order = report?.orders.find((o) => o.mayOpen);
  if (!order) return <Text className="hint visit-entry-report">据此提交了一份报告</Text>;
  return (
    <View
      className="big-button big-button-secondary visit-entry-report"
      onClick={() => void Taro.navigateTo({ url: `/staff/order/index?id=${order.id}` })}
    >
      <Text>据此提交的报告</Text>
      <Text className="big-button-note">查看工单</Text>
    </View>
  );
}

function VisitEntry({ visit, reports }: { visit: ChildFileVisit; reports: ChildFileReport[] }) {
  return (
    <View className="file-report visit-entry">
      <Text className="progress-text visit-entry-head">
        {chineseDateTime(visit.at)}
        {visit.unitName ? ` · ${visit.unitName}` : ''}
      </Text>
      <Row label="见到" value={visit.met.map((p) => VISIT_PERSON_LABELS[p]).join('、')} />
      {VISIT_CHECKS.map((name) => {
        const check = visit.checks[name];
        return (
          <View key={name} className={check.result === 'concern' ? 'visit-concern' : ''}>
            <Row
              label={VISIT_CHECK_LABELS[name]}
              value={[VISIT_CHECK_RESULT_LABELS[check.result], check.finding]
                .filter(Boolean)
                .join('：')}
            />
          </View>
        );
      })}
      {visit.findings && <Row label="其他发现" value={visit.findings} />}
      {visit.fulfilled.length > 0 && (
        <Row label="完成" value={visit.fulfilled.map((r) => VISIT_REASON_LABELS[r]).join('、')} />
      )}
      {visit.position && (
        <Row label="位置" value={positionText(visit.position.latitude, visit.position.longitude)} />
      )}
      {visit.reportId && <VisitReport report={reports.find((r) => r.id === visit.reportId)} />}
    </View>
  );
}

/**
 * 走访 on a child's file: the visits on the plan (why, by when, overdue in red, escalated), the
 * records waiting on this phone, every visit recorded (whom met, the four checks, what it
 * fulfilled, the report filed from it), and 记录走访 for the file's keepers while it is 在册.
 * `onVisitArrived`: a record of this file that waited on the phone reached the server.
 */
export function VisitSection({
  file,
  onVisitArrived,
}: {
  file: ChildFileDetail;
  onVisitArrived: () => void;
}) {
  const path = `/children/${file.id}/visits`;
  const { queued } = useStaffOutbox(({ request }) => {
    if (request.path === path) onVisitArrived();
  });
  const waiting = queued.filter((q) => q.path === path);
  const now = serverNow();
  const history = [...file.visits].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  return (
    <View className="section file-visits">
      <Text className="section-title">走访</Text>
      {file.capacity === 'keeper' && file.status === 'active' && (
        <View
          className="big-button big-button-primary file-visit-record"
          onClick={() => openVisitForm(file.id, childName(file.child), 'file')}
        >
          <Text>记录走访</Text>
          <Text className="big-button-note">没有信号也能记，恢复网络后自动发送</Text>
        </View>
      )}
      {waiting.map((q) => (
        <Text key={q.idempotencyKey} className="hint visit-waiting">
          一次走访记录（{chineseShortDateTime(q.queuedAt)}保存）在手机上，恢复网络后自动发送
        </Text>
      ))}

      <Text className="field-label">走访计划</Text>
      {file.plannedVisits.length === 0 && <Text className="hint">现在没有安排的走访。</Text>}
      {soonestFirst(file.plannedVisits).map((planned) => {
        const due = visitDueText(planned, now);
        const badge = visitEscalationBadge(planned.escalationLevel);
        return (
          <View key={planned.id} className="file-row-head visit-planned">
            <Text className="progress-text">{VISIT_REASON_LABELS[planned.reason]}</Text>
            <Text className={`file-row-visit ${due.overdue ? 'file-overdue' : ''}`}>
              {due.text}
            </Text>
            {badge && <Text className="visit-badge">{badge}</Text>}
          </View>
        );
      })}

      <Text className="field-label">走访记录</Text>
      {history.length === 0 && <Text className="hint">还没有走访记录。</Text>}
      {history.map((visit) => (
        <VisitEntry key={visit.id} visit={visit} reports={file.reports} />
      ))}
    </View>
  );
}
