import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  CHILD_FILE_STATUS_LABELS,
  CLOSE_REASONS,
  CLOSE_REASON_LABELS,
  DEPARTMENT_SHORT_LABELS,
  HELP_KIND_LABELS,
  ORDER_ROLE_LABELS,
  ORDER_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  TEXT_LIMITS,
  chineseDate,
  chineseDay,
  chineseShortDateTime,
  inputMaxLength,
  situation,
  textLength,
  type ChildFilePerson,
  type ChildFileReport,
  type CloseReason,
  type UpdateChildFileRequest,
} from '@shouhu/shared';
import { Choice } from '../../components/choice';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DIVISION_DEPTH, DivisionPicker } from '../../components/division-picker';
import { FieldError, invalidClass } from '../../components/field-error';
import { placeProblems, refusalLines, type FieldProblems } from '../../components/form-problems';
import { HandoverList } from '../../components/handover-list';
import { INCOMPLETE_ADDRESS, PageState } from '../../components/page-state';
import { Sheet } from '../../components/sheet';
import { StaffOutboxCard } from '../../components/staff-outbox-card';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { failureText, refusalOf, type Refusal } from '../../services/api-error';
import type { ChildFileDetail } from '@shouhu/shared';
import { fetchChildFile, updateChildFile } from '../../services/children';
import { divisionPath, type Division } from '../../services/divisions';
import { serverNow } from '../../services/server-clock';
import { reporterText } from '../../staff/order-details';
import {
  MOVE_WARNING,
  REOPEN_REQUEST,
  closeProblems,
  closeRequest,
  moveProblems,
} from '../file-actions';
import { DropoutSection } from '../dropout-section';
import { categoryChips, childName, genderAndAge, nextVisitText } from '../list-query';
import { VisitSection } from '../visit-section';
import '../../staff/staff.css';
import '../children.css';
import { DetailRow as Row } from '../../components/detail-row';

/** A guardian or carer: the phone is one tap from a call. */
function PersonRows({ title, person }: { title: string; person: ChildFilePerson | null }) {
  if (!person) return <Row label={title} value="未登记" />;
  return (
    <>
      <Row
        label={title}
        value={[person.name ?? '未登记姓名', person.relation].filter(Boolean).join(' · ')}
      />
      {person.phone && (
        <View
          className="big-button big-button-secondary file-call"
          onClick={() =>
            void Taro.makePhoneCall({ phoneNumber: person.phone ?? '' }).catch(() => undefined)
          }
        >
          <Text>拨打 {person.phone}</Text>
        </View>
      )}
    </>
  );
}

/**
 * An order in a line a phone's button holds: the department's short name (乡镇, not
 * 乡镇（儿童督导员）), the role and the state; the unit goes on the line below.
 */
function orderLine(order: ChildFileReport['orders'][number]): string {
  return `${DEPARTMENT_SHORT_LABELS[order.department]} · ${ORDER_ROLE_LABELS[order.role]} · ${ORDER_STATUS_LABELS[order.status]}`;
}

function ReportEntry({ report }: { report: ChildFileReport }) {
  return (
    <View className="file-report">
      <Text className="progress-text file-report-head">
        {chineseDay(report.createdAt)} · {REPORT_STATUS_LABELS[report.status]}
      </Text>
      <Text className="hint">
        {report.situations.map((code) => situation(code).legalLabel).join('；')}
      </Text>
      <Text className="progress-text">{report.description}</Text>
      <Text className="hint">报告人：{reporterText(report.reporter)}</Text>
      {report.orders.map((order) =>
        order.mayOpen ? (
          <View
            key={order.id}
            className="big-button big-button-secondary file-order-link"
            onClick={() => void Taro.navigateTo({ url: `/staff/order/index?id=${order.id}` })}
          >
            <Text>{orderLine(order)}</Text>
            <Text className="big-button-note">
              {order.unitName ? `${order.unitName} · ` : ''}查看工单
            </Text>
          </View>
        ) : (
          <Text key={order.id} className="hint file-order">
            {orderLine(order)}
            {order.unitName ? ` · ${order.unitName}` : ''}
          </Text>
        ),
      )}
    </View>
  );
}

type Acting = 'close' | 'move' | null;

/** The fields each sheet draws, as the server names them in the change it sends. */
const SHEET_FIELDS: Record<Exclude<Acting, null>, readonly string[]> = {
  close: ['closeReason', 'closeNote'],
  move: ['divisionCode'],
};

/** 档案详情: the child, the people around them, the help in place, every report and the timeline. */
export default function ChildFilePage() {
  const { id = '' } = useRouter().params;
  const [file, setFile] = useState<ChildFileDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<Acting>(null);
  const [confirming, setConfirming] = useState<{
    body: UpdateChildFileRequest;
    text: string;
    done: string;
  } | null>(null);
  /** What the open sheet's own checks refuse. */
  const [own, setOwn] = useState<FieldProblems>({});
  /** The server's refusal: in the open sheet, or under the buttons for 恢复在册, which has none. */
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<Division[]>([]);

  const newest = useNewestAnswer();

  async function load() {
    const isNewest = newest.ask();
    try {
      const answer = await fetchChildFile(id);
      if (!isNewest()) return;
      setFile(answer);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '加载失败，请稍后再试'));
    }
  }

  useDidShow(() => {
    if (id) void load();
  });

  function open(which: Exclude<Acting, null>) {
    setOwn({});
    setRefusal(null);
    setActing(which);
    if (which === 'close') {
      setReason('');
      setNote('');
    } else {
      // The picker starts at the file's county: a move stays within it (out of it is 销号).
      setTarget([]);
      void divisionPath(file!.divisionCode).then(
        (path) => setTarget(path.slice(0, DIVISION_DEPTH.county)),
        () => undefined,
      );
    }
  }

  function close() {
    setActing(null);
    setRefusal(null);
  }

  /** The sheet's checks passed: ask once before the change that cannot be taken back. */
  function ask() {
    setRefusal(null);
    if (acting === 'close') {
      const found = closeProblems(reason, note);
      setOwn(found);
      if (Object.keys(found).length > 0 || reason === '') return;
      setConfirming({
        body: closeRequest(reason, note),
        text: `确认销号？原因：${CLOSE_REASON_LABELS[reason]}。销号后不再安排走访，需要时可以恢复在册。`,
        done: '已销号',
      });
    } else if (acting === 'move') {
      const code = target[target.length - 1]?.code ?? '';
      const found = moveProblems(code, file!.divisionCode);
      setOwn(found);
      if (Object.keys(found).length > 0) return;
      setConfirming({
        body: { divisionCode: code },
        text: `迁到${target.map((d) => d.name).join(' ')}？${MOVE_WARNING}。`,
        done: '已迁档',
      });
    }
  }

  async function send(body: UpdateChildFileRequest, done: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await updateChildFile(id, body);
      const moved = acting === 'move';
      setActing(null);
      void Taro.showToast({ title: done, icon: 'success' });
      // A moved file belongs to the new village's 儿童主任: the mover may no longer see it.
      if (moved) await Taro.redirectTo({ url: '/children/index/index' });
      else await load();
    } catch (e) {
      setRefusal(refusalOf(e, '提交失败，请检查网络后再试'));
    } finally {
      setBusy(false);
    }
  }

  if (!id) return <PageState error={INCOMPLETE_ADDRESS} errorClass="file-error" />;
  if (error || !file) return <PageState error={error} errorClass="file-error" />;

  const visit = nextVisitText(file.nextVisitDueAt, serverNow());
  const facts = genderAndAge(file.child);
  const closed = file.status === 'closed';
  const problems = placeProblems(own, refusal, acting ? SHEET_FIELDS[acting] : []);

  return (
    <View className="page file-page">
      <StaffOutboxCard />
      <View className="section file-head">
        <View className="file-row-head">
          <Text className="file-row-name">{childName(file.child)}</Text>
          {facts && <Text className="file-row-facts">{facts}</Text>}
          <Text className={`file-status ${closed ? 'file-status-closed' : ''}`}>
            {CHILD_FILE_STATUS_LABELS[file.status]}
          </Text>
        </View>
        <View className="chips">
          {categoryChips(file.categories).map((chip) => (
            <Text
              key={chip}
              className={`chip ${file.categories.length === 0 ? 'chip-pending' : ''}`}
            >
              {chip}
            </Text>
          ))}
        </View>
        {file.mayEdit && !closed && file.categories.length === 0 && (
          <View className="file-no-category">
            <Text className="file-no-category-text">
              还没有选类别，不会排入走访计划。请核实后选择类别
            </Text>
            <View
              className="big-button big-button-primary file-pick-category"
              onClick={() => void Taro.navigateTo({ url: `/children/edit/index?id=${file.id}` })}
            >
              <Text>核实并选择类别</Text>
            </View>
          </View>
        )}
        <Row label="所在地" value={file.placeName} />
        <Row label="建档单位" value={file.unitName ?? '暂无村（乡镇）单位'} />
        {visit && (
          <Text className={`file-row-visit ${visit.overdue ? 'file-overdue' : ''}`}>
            {visit.text}
          </Text>
        )}
        {closed && file.closeReason && (
          <Row
            label="销号"
            value={[
              CLOSE_REASON_LABELS[file.closeReason],
              file.closeNote,
              file.closedAt ? chineseDay(file.closedAt) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        )}
      </View>

      {file.mayEdit && (
        <View className="section file-actions">
          <View className="action-grid">
            {!closed && (
              <View
                className="big-button big-button-primary file-edit"
                onClick={() => void Taro.navigateTo({ url: `/children/edit/index?id=${file.id}` })}
              >
                <Text>编辑档案</Text>
              </View>
            )}
            {!closed && (
              <View
                className="big-button big-button-secondary file-move"
                onClick={() => open('move')}
              >
                <Text>迁到其他村</Text>
              </View>
            )}
            {!closed && (
              <View
                className="big-button big-button-secondary file-close"
                onClick={() => open('close')}
              >
                <Text>销号</Text>
              </View>
            )}
            {closed && (
              <View
                className="big-button big-button-primary file-reopen"
                onClick={() =>
                  setConfirming({
                    body: REOPEN_REQUEST,
                    text: '确认恢复在册？档案会重新进入在册名单，按时安排走访。',
                    done: '已恢复在册',
                  })
                }
              >
                <Text>恢复在册</Text>
              </View>
            )}
          </View>
          {!acting && refusal && (
            <View className="error-box file-refusal">
              {refusalLines(refusal).map((line) => (
                <Text key={line} className="error-line">
                  {line}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}

      <VisitSection file={file} onVisitArrived={() => void load()} />
      <DropoutSection file={file} onChanged={() => void load()} />

      <View className="section file-child">
        <Text className="section-title">孩子</Text>
        <Row label="姓名" value={file.child.name ?? '未登记'} />
        {file.child.birthDate && <Row label="出生日期" value={chineseDate(file.child.birthDate)} />}
        {file.child.idNumber && <Row label="身份证号" value={file.child.idNumber} />}
        <Row label="学校" value={file.child.school ?? '未登记'} />
      </View>

      <View className="section file-people">
        <Text className="section-title">监护和照护</Text>
        <PersonRows title="监护人" person={file.guardian} />
        <PersonRows title="委托照护人" person={file.carer} />
      </View>

      <View className="section file-help">
        <Text className="section-title">帮扶措施</Text>
        {file.help.length === 0 && <Text className="hint">还没有登记帮扶措施。</Text>}
        {file.help.map((help, index) => (
          <View key={`${help.kind}-${index}`} className="file-help-entry">
            <Text className="progress-text">
              {HELP_KIND_LABELS[help.kind]} · {help.provider}
            </Text>
            <Text className="hint">自{chineseDate(help.since)}起</Text>
            {help.note && <Text className="hint">{help.note}</Text>}
          </View>
        ))}
      </View>

      <View className="section file-reports">
        <Text className="section-title">报告和工单</Text>
        {file.reports.length === 0 && <Text className="hint">还没有关于这个孩子的报告。</Text>}
        {file.reports.map((report) => (
          <ReportEntry key={report.id} report={report} />
        ))}
      </View>

      <HandoverList handovers={file.handovers} />

      <View className="section file-timeline">
        <Text className="section-title">档案经过</Text>
        {file.timeline.map((entry) => (
          <View key={`${entry.at}-${entry.kind}-${entry.text}`} className="progress-entry">
            <Text className="hint">{chineseShortDateTime(entry.at)}</Text>
            <Text className="progress-text">{entry.text}</Text>
          </View>
        ))}
      </View>

      {acting === 'close' && (
        <Sheet
          title="销号"
          className="file-close-sheet"
          problems={problems.lines}
          submitText="销号"
          busy={busy}
          onSubmit={ask}
          onClose={close}
        >
          <Text className="field-label">销号原因</Text>
          {CLOSE_REASONS.map((code) => (
            <Choice
              key={code}
              label={CLOSE_REASON_LABELS[code]}
              selected={reason === code}
              onSelect={() => setReason(code)}
            />
          ))}
          <FieldError problems={problems.fields} name="closeReason" />
          <Text className="field-label">
            销号说明{reason === 'other' ? '（必填）' : '（选填）'}
          </Text>
          <Textarea
            className={`textarea file-close-note${invalidClass(problems.fields, 'closeNote')}`}
            value={note}
            maxlength={inputMaxLength(TEXT_LIMITS.closeNote)}
            onInput={(e) => setNote(e.detail.value)}
          />
          <Text className="counter">
            {textLength(note)}/{TEXT_LIMITS.closeNote.max}
          </Text>
          <FieldError problems={problems.fields} name="closeNote" />
        </Sheet>
      )}
      {acting === 'move' && (
        <Sheet
          title="迁到其他村"
          className="file-move-sheet"
          problems={problems.lines}
          submitText="迁档"
          busy={busy}
          onSubmit={ask}
          onClose={close}
        >
          <Text className="hint">{MOVE_WARNING}。迁出本县请用“销号”。</Text>
          <Text className="field-label">迁到</Text>
          <DivisionPicker
            path={target}
            onChange={setTarget}
            minDepth={DIVISION_DEPTH.village}
            fixedDepth={DIVISION_DEPTH.county}
            invalid={'divisionCode' in problems.fields}
          />
          <FieldError problems={problems.fields} name="divisionCode" />
        </Sheet>
      )}
      <ConfirmDialog
        visible={confirming !== null}
        title="请确认"
        content={confirming?.text ?? ''}
        confirmText="确认"
        onConfirm={() => {
          const asked = confirming;
          setConfirming(null);
          if (asked && !busy) void send(asked.body, asked.done);
        }}
        onCancel={() => setConfirming(null)}
      />
    </View>
  );
}
