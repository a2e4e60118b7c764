import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import {
  DEPARTMENT_LABELS,
  ORDER_ROLE_LABELS,
  ORDER_STATUS_LABELS,
  PURGED_NOTICE,
  chineseDay,
  chineseDateTime,
  chineseShortDateTime,
  escalationLevelText,
  mayHandOff,
  mayRecordHandover,
  priorityText,
  situation,
  type GuardianshipHandoverRequest,
  type HandoffRequest,
  type OrderDetail,
  type ReportDetails,
  type ReportRoutingView,
} from '@shouhu/shared';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { StaffOutboxCard } from '../../components/staff-outbox-card';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { useStaffOutbox } from '../../hooks/use-staff-outbox';
import { ApiError, failureText, refusalOf, type Refusal } from '../../services/api-error';
import {
  actOnOrder,
  fetchOrder,
  fetchOrderUnits,
  handOff,
  recordHandover,
  viewAttachment,
} from '../../services/orders';
import { createId } from '../../services/ids';
import { serverNow } from '../../services/server-clock';
import { currentUser } from '../../services/session';
import { queueStaffRequest } from '../../services/staff-outbox';
import { ActionPanel } from '../action-panel';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { refusalLines } from '../../components/form-problems';
import { HandoverList } from '../../components/handover-list';
import { HandoffSheet } from '../handoff-sheet';
import { HandoverSheet } from '../handover-sheet';
import { PositionLink } from '../position-link';
import { countdown, PRIORITY_CLASS } from '../inbox-logic';
import {
  availableActions,
  capacityFor,
  orderAfterWaiting,
  waitingActs,
  waitingRequest,
  type FieldValues,
  type OrderActionSpec,
} from '../order-actions';
import { childRows, reporterText } from '../order-details';
import '../staff.css';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { DetailRow as Row } from '../../components/detail-row';

/** What routing needs, shown to everyone who opens the order. */
function ReportFacts({ report }: { report: ReportDetails | ReportRoutingView }) {
  const address = report.view === 'full' ? report.location.address : undefined;
  return (
    <>
      <Row
        label="情况"
        value={report.situations.map((code) => situation(code).legalLabel).join('；')}
      />
      <Row label="危险" value={report.immediateDanger ? '报告时孩子有危险' : '报告时无紧急危险'} />
      <Row
        label="地点"
        value={[report.location.divisionPath.map((d) => d.name).join(' '), address]
          .filter(Boolean)
          .join(' ')}
      />
      {/* The form asks which day (哪天知道的); today's is sent as the moment of sending. */}
      <Row label="知道的日期" value={chineseDay(report.discoveredAt)} />
      <Row label="报告时间" value={chineseDateTime(report.createdAt)} />
    </>
  );
}

/** The report as a handler or coordinator may see it: the child, the reporter, the files. */
function FullReport({
  report,
  photos,
  onOpen,
}: {
  report: ReportDetails;
  photos: Record<string, string>;
  onOpen: (uploadId: string) => void;
}) {
  return (
    <>
      <View className="section order-report">
        <Text className="section-title">报告内容</Text>
        {report.purgedAt && (
          <Row label="个人信息" value={`${PURGED_NOTICE}（${chineseDay(report.purgedAt)}）`} />
        )}
        <ReportFacts report={report} />
        {!report.purgedAt && <Row label="描述" value={report.description} />}
        {report.location.latitude !== undefined && report.location.longitude !== undefined && (
          <PositionLink latitude={report.location.latitude} longitude={report.location.longitude} />
        )}
        <Row
          label="报告人"
          value={report.purgedAt ? PURGED_NOTICE : reporterText(report.reporter)}
        />
        {report.repeat && <Row label="提示" value="这个孩子以前被报告过" />}
      </View>

      <View className="section order-child">
        <Text className="section-title">孩子</Text>
        {report.purgedAt ? (
          <Text className="hint">{PURGED_NOTICE}</Text>
        ) : (
          childRows(report.child).map(([label, value]) => (
            <Row key={label} label={label} value={value} />
          ))
        )}
      </View>

      {report.attachments.length > 0 && (
        <View className="section order-attachments">
          <Text className="section-title">照片和视频（仅供查看，不得保存外传）</Text>
          <View className="attachment-grid">
            {report.attachments.map((file, index) =>
              photos[file.id] ? (
                <Image
                  key={file.id}
                  className="attachment-thumb"
                  src={photos[file.id]}
                  mode="aspectFill"
                  onClick={() => onOpen(file.id)}
                />
              ) : (
                <View
                  key={file.id}
                  className="big-button big-button-secondary attachment-open"
                  onClick={() => onOpen(file.id)}
                >
                  <Text>
                    查看{file.kind === 'video' ? '视频' : '照片'} {index + 1}
                  </Text>
                </View>
              ),
            )}
          </View>
        </View>
      )}
    </>
  );
}

export default function OrderPage() {
  const { id = '' } = useRouter().params;
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<OrderActionSpec | null>(null);
  /** An action without fields: no sheet, only its dialog. */
  const [asking, setAsking] = useState<OrderActionSpec | null>(null);
  const [units, setUnits] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  /** The server's refusal of the last act sent: in its sheet, or under the buttons. */
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [photos, setPhotos] = useState<Record<string, string>>({});
  /** 转接 and 书面交接 have sheets of their own, outside the state machine's actions. */
  const [sheet, setSheet] = useState<'handoff' | 'handover' | null>(null);
  // An act of this order that waited on the phone reached the server: show the order as it is now.
  const { queued } = useStaffOutbox(({ request }) => {
    if (request.path.startsWith(`/orders/${id}/`)) void load();
  });

  const newest = useNewestAnswer();

  async function load() {
    const isNewest = newest.ask();
    try {
      const answer = await fetchOrder(id);
      if (!isNewest()) return;
      setDetail(answer);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '加载失败，请稍后再试'));
    }
  }

  useDidShow(() => {
    if (id) void load();
  });

  async function open(spec: OrderActionSpec) {
    setRefusal(null);
    if (spec.fields(detail!.order).length === 0) {
      setAsking(spec);
      return;
    }
    setActing(spec);
    if (spec.fields(detail!.order).some((f) => f.kind === 'unit')) {
      setUnits(await fetchOrderUnits(id).catch(() => []));
    }
  }

  /**
   * Sends the act under a key made at this press. With no signal (or a server that cannot answer
   * now), an act that may wait goes to the staff outbox under the same key instead of failing.
   */
  async function submit(spec: OrderActionSpec, values: FieldValues) {
    const idempotencyKey = createId();
    const body = spec.body(values);
    setBusy(true);
    setRefusal(null);
    try {
      await actOnOrder(id, spec.path, body, idempotencyKey);
      setActing(null);
      void Taro.showToast({ title: spec.toast, icon: 'success' });
      await load();
    } catch (e) {
      const waiting =
        e instanceof ApiError && e.retryable
          ? waitingRequest(id, spec, body, idempotencyKey, serverNow())
          : null;
      if (waiting) {
        queueStaffRequest(waiting);
        setActing(null);
        void Taro.showToast({ title: '已保存在手机上', icon: 'none' });
        return;
      }
      setRefusal(refusalOf(e, '提交失败，请检查网络后再试'));
      // Someone else changed the order meanwhile: show its state now, so the buttons are true.
      if (e instanceof ApiError && e.stale) await load();
    } finally {
      setBusy(false);
    }
  }

  async function send(call: () => Promise<unknown>, toast: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await call();
      setSheet(null);
      void Taro.showToast({ title: toast, icon: 'success' });
      await load();
    } catch (e) {
      setRefusal(refusalOf(e, '提交失败，请检查网络后再试'));
    } finally {
      setBusy(false);
    }
  }

  function openSheet(which: 'handoff' | 'handover') {
    setRefusal(null);
    setSheet(which);
  }

  async function showPhoto(uploadId: string) {
    const path = photos[uploadId] ?? (await viewAttachment(id, uploadId).catch(() => null));
    if (!path) {
      void Taro.showToast({ title: '打开失败，请稍后再试', icon: 'none' });
      return;
    }
    setPhotos((current) => ({ ...current, [uploadId]: path }));
    // Evidence is looked at, never saved: no long-press menu.
    void Taro.previewImage({ urls: [path], current: path, showmenu: false }).catch(() => {});
  }

  if (!id) return <PageState error={INCOMPLETE_ADDRESS} errorClass="order-error" />;
  if (error || !detail) return <PageState error={error} errorClass="order-error" />;

  const { order, report, otherOrders, timeline } = detail;
  const waiting = waitingActs(id, queued);
  const now = serverNow();
  const clock = order.nextClock
    ? countdown(order.nextClock.clock, order.nextClock.dueAt, now)
    : null;
  const capacity = capacityFor(currentUser(), order);
  // What the page offers counts the acts waiting on the phone: what comes after them, never the
  // same act twice.
  const actions = availableActions(orderAfterWaiting(order, waiting), capacity, now);
  const handsOff = mayHandOff(capacity, order);
  const handsOver = report.view === 'full' && mayRecordHandover(capacity, order);
  const escalation = escalationLevelText(order.escalationLevel);

  return (
    <View className="page">
      <StaffOutboxCard />
      <View className={`section order-card ${PRIORITY_CLASS[order.priority]}`}>
        <View className="order-card-head">
          <Text className={`priority-badge ${PRIORITY_CLASS[order.priority]}`}>
            {priorityText(order.priority)}
          </Text>
          <Text className="order-role">{ORDER_ROLE_LABELS[order.role]}</Text>
          <Text className="order-status order-detail-status">
            {ORDER_STATUS_LABELS[order.status]}
          </Text>
        </View>
        {clock && (
          <Text className={`order-countdown ${clock.overdue ? 'order-overdue' : ''}`}>
            {clock.text}
          </Text>
        )}
        {escalation && <Text className="order-escalation">{escalation}</Text>}
        {waiting.map(({ spec, request }) => (
          <Text key={request.idempotencyKey} className="hint order-waiting">
            {spec.offline?.label}已保存在手机上，恢复网络后自动发送
          </Text>
        ))}
        {order.extensionPendingDays !== null && (
          <Text className="hint">
            {order.extensionPendingDays === 0
              ? '按立案审查期限延期'
              : `延期 ${order.extensionPendingDays} 个工作日`}
            ，等待联席办审批
          </Text>
        )}
        {order.outcome && (
          <Text className="hint">
            办理结果：{order.outcome.label}。{order.outcome.summary}
          </Text>
        )}
      </View>

      {detail.childFile && (
        <View
          className="big-button big-button-secondary order-child-file"
          onClick={() =>
            void Taro.navigateTo({ url: `/children/file/index?id=${detail.childFile?.id ?? ''}` })
          }
        >
          <Text>查看儿童档案</Text>
          <Text className="big-button-note">这个孩子的全部报告、帮扶和走访</Text>
        </View>
      )}

      {(actions.length > 0 || handsOff || handsOver) && (
        <View className="section">
          <Text className="section-title">办理</Text>
          <View className="action-grid">
            {handsOff && (
              <View
                className="big-button big-button-secondary action-handoff"
                onClick={() => openSheet('handoff')}
              >
                <Text>转接</Text>
              </View>
            )}
            {handsOver && (
              <View
                className="big-button big-button-secondary action-handover"
                onClick={() => openSheet('handover')}
              >
                <Text>书面交接</Text>
              </View>
            )}
            {actions.map((spec) => (
              <View
                key={spec.key}
                className={`big-button ${spec.key === 'sign' || spec.key === 'resolve' ? 'big-button-primary' : 'big-button-secondary'} action-${spec.key}`}
                onClick={() => void open(spec)}
              >
                <Text>{spec.label}</Text>
              </View>
            ))}
          </View>
          {/* An action without a sheet shows the server's refusal here, under its button. */}
          {!acting && !sheet && refusal && (
            <View className="error-box order-refusal">
              {refusalLines(refusal).map((line) => (
                <Text key={line} className="error-line">
                  {line}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}

      {report.view === 'routing' ? (
        <View className="section order-report order-routing">
          <Text className="section-title">分派所需信息</Text>
          <Text className="hint order-routing-notice">
            管理员只看到分派所需的信息，孩子和报告人的身份不显示。
          </Text>
          <ReportFacts report={report} />
        </View>
      ) : (
        <FullReport
          report={report}
          photos={photos}
          onOpen={(uploadId) => void showPhoto(uploadId)}
        />
      )}

      {otherOrders.length > 0 && (
        <View className="section">
          <Text className="section-title">其他部门</Text>
          {otherOrders.map((other) => (
            <Row
              key={`${other.department}-${other.role}`}
              label={DEPARTMENT_LABELS[other.department]}
              value={`${ORDER_ROLE_LABELS[other.role]} · ${ORDER_STATUS_LABELS[other.status]}${other.unitName ? ` · ${other.unitName}` : ''}`}
            />
          ))}
        </View>
      )}

      <HandoverList handovers={detail.handovers} />

      <View className="section order-timeline">
        <Text className="section-title">经过</Text>
        {timeline.map((event) => (
          <View key={`${event.at}-${event.kind}-${event.text}`} className="progress-entry">
            <Text className="hint">
              {chineseShortDateTime(event.at)}
              {event.reporterVisible ? ' · 报告人可见' : ''}
            </Text>
            <Text className="progress-text">{event.text}</Text>
          </View>
        ))}
      </View>

      <PrivacyPrompt />
      {sheet === 'handoff' && (
        <HandoffSheet
          order={order}
          reportOrders={[order, ...detail.otherOrders]}
          busy={busy}
          refusal={refusal}
          onSubmit={(body: HandoffRequest) => void send(() => handOff(id, body), '已转接')}
          onClose={() => setSheet(null)}
        />
      )}
      {sheet === 'handover' && (
        <HandoverSheet
          busy={busy}
          refusal={refusal}
          onSubmit={(body: GuardianshipHandoverRequest) =>
            void send(() => recordHandover(id, body), '已记录交接')
          }
          onClose={() => setSheet(null)}
        />
      )}
      {acting && (
        <ActionPanel
          order={order}
          spec={acting}
          units={units}
          noUnitsHint={
            report.view === 'routing'
              ? '这个县还没有可改派的单位。请先为该县建立公安、民政、乡镇、教育等单位，再来改派。'
              : '没有可选的单位，请联系联席办。'
          }
          busy={busy}
          refusal={refusal}
          onSubmit={(values) => void submit(acting, values)}
          onClose={() => setActing(null)}
        />
      )}
      <ConfirmDialog
        visible={asking !== null}
        title={asking?.label ?? ''}
        content={asking?.confirm ?? ''}
        confirmText="确认"
        onConfirm={() => {
          const spec = asking;
          setAsking(null);
          if (spec && !busy) void submit(spec, {});
        }}
        onCancel={() => setAsking(null)}
      />
    </View>
  );
}
