import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FORM_CHANNELS, channelRefusal, type FormChannel } from '@shouhu/shared';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useScrollToFirstError } from '../../components/field-error';
import { placeProblems, type FieldProblems } from '../../components/form-problems';
import { PrivacyPrompt } from '../../components/privacy-prompt';
import { DEFAULT_DIVISION_CODE } from '../../services/config';
import { divisionPath, lastDivisionPath } from '../../services/divisions';
import { clearDraft, loadDraft, saveDraft, type Draft } from '../../services/drafts';
import { createId } from '../../services/ids';
import {
  dismissRefused,
  dismissSent,
  onOutboxChange,
  outboxState,
  queueReport,
  receiptUrl,
  sendQueued,
  type OutboxState,
  type RefusedReport,
} from '../../services/outbox';
import { serverNow } from '../../services/server-clock';
import { currentUser } from '../../services/session';
import {
  ASKED_FIELDS,
  emptyReportForm,
  firstStepOf,
  firstStepWithProblems,
  formProblems,
  problemsAfterEdit,
  problemSummary,
  REPORT_STEPS,
  stepProblems,
  toReportRequest,
  withoutStep,
  type Evidence,
  type ReportForm,
} from './report-form';
import {
  ChildStep,
  DangerStep,
  PlaceStep,
  ReporterStep,
  ReviewStep,
  SituationsStep,
  StoryStep,
} from './steps';
import { HotlineForm } from './hotline-form';
import { SafeTonightQuestion } from './safe-tonight';
import './index.css';

const LAST_STEP = REPORT_STEPS.length - 1;

/**
 * Only a bound mandated reporter files as 强制报告; anyone else files the same report as 举报/求助.
 * The form offers no 走访发现: such a report is filed with its visit, on the child's file.
 */
function channelFrom(param: string | undefined): FormChannel {
  const requested = FORM_CHANNELS.find((c) => c === param) ?? 'public';
  return channelRefusal(requested, currentUser()?.roles ?? []) ? 'public' : requested;
}

const scrollToTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {});

const isEmpty = (problems: FieldProblems) => Object.keys(problems).length === 0;

/**
 * A refusal the outbox kept, as the form shows it: reasons at the fields it draws, the rest as
 * lines. A refusal kept by an older app, or of a report whose form did not come back as the draft
 * (another was being written), is read out whole: its fields are not this draft's.
 */
function placeRefusal(refused: RefusedReport): { fields: FieldProblems; lines: string[] } {
  return refused.refusal && refused.restored
    ? placeProblems({}, refused.refusal, ASKED_FIELDS)
    : { fields: {}, lines: refused.lines };
}

export default function ReportPage() {
  const requestedChannel = useRouter().params.channel;
  const channel = channelFrom(requestedChannel);
  const [draft, setDraft] = useState<Draft>(
    () =>
      loadDraft(channel) ?? {
        form: emptyReportForm(lastDivisionPath()),
        step: 0,
      },
  );
  const { form, step } = draft;
  /** Refused fields, as the API names them: drawn red on the step that asks each. */
  const [problems, setProblems] = useState<FieldProblems>({});
  /** What a refusal said that no field shows. */
  const [notices, setNotices] = useState<string[]>([]);
  const scrollToFirstError = useScrollToFirstError();
  const [confirming, setConfirming] = useState(false);
  const [dangerPrompt, setDangerPrompt] = useState(false);
  // The report this page handed to the outbox: the page waits for it instead of showing the form.
  const [queuedKey, setQueuedKey] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxState>(outboxState);
  // The same key, for the outbox listener that outlives renders.
  const queuedRef = useRef<string | null>(null);

  // Every keystroke is kept on the phone: killing the app or losing signal loses nothing.
  useEffect(() => {
    if (!queuedKey) saveDraft(channel, draft);
  }, [channel, draft, queuedKey]);
  useEffect(() => {
    const follow = (state: OutboxState) => {
      setOutbox(state);
      // A report of this channel the server refused while the page was closed comes back to fix.
      const refused = state.refused.find((r) =>
        queuedRef.current ? r.idempotencyKey === queuedRef.current : r.channel === channel,
      );
      if (refused) {
        dismissRefused(refused.idempotencyKey);
        queuedRef.current = null;
        setQueuedKey(null);
        const restored = loadDraft(channel);
        const placed = placeRefusal(refused);
        const refusedStep = firstStepOf(placed.fields);
        if (restored) {
          setDraft({ ...restored, step: refusedStep ?? restored.step });
        }
        setProblems(placed.fields);
        setNotices(placed.lines);
        scrollToFirstError();
        return;
      }
      const sent = state.sent.find((s) => s.idempotencyKey === queuedRef.current);
      if (sent) {
        dismissSent(sent.idempotencyKey);
        void Taro.redirectTo({ url: receiptUrl(sent) });
      }
    };
    follow(outboxState());
    return onOutboxChange(follow);
  }, [channel, scrollToFirstError]);
  const submitting = queuedKey !== null && outbox.sending;

  const update = (patch: Partial<ReportForm>) => edit((current) => ({ ...current, ...patch }));
  const updateEvidence = (change: (current: Evidence[]) => Evidence[]) =>
    edit((current) => ({ ...current, evidence: change(current.evidence) }));
  /** A change answers the refusal of the fields it changes: their red goes, the rest stays. */
  function edit(change: (current: ReportForm) => ReportForm) {
    setNotices([]);
    setProblems((current) => problemsAfterEdit(current, form, change(form)));
    setDraft((current) => ({ ...current, form: change(current.form) }));
  }

  // A first report starts in the configured county; later ones where the last one was.
  useEffect(() => {
    if (form.division.length > 0) return;
    divisionPath(DEFAULT_DIVISION_CODE).then(
      (division) =>
        setDraft((current) =>
          current.form.division.length
            ? current
            : { ...current, form: { ...current.form, division } },
        ),
      () => undefined,
    );
  }, [form.division.length]);

  function goTo(target: number) {
    setNotices([]);
    setDraft((current) => ({ ...current, step: target }));
    scrollToTop();
  }

  /** This step's fields asked again; a refusal of a later step's waits on that step. */
  function next() {
    const key = REPORT_STEPS[step].key;
    const found = stepProblems(form, key, serverNow(), channel);
    setProblems((current) => ({ ...withoutStep(current, key), ...found }));
    if (isEmpty(found)) goTo(step + 1);
    else scrollToFirstError();
  }

  /** The hotline's one page: every problem of every step at once, or the confirmation. */
  function askToSend() {
    const found = formProblems(form, serverNow(), channel);
    setProblems(found);
    setNotices([]);
    if (isEmpty(found)) setConfirming(true);
    else scrollToFirstError();
  }

  /**
   * The reporter confirmed: check every step once more, then hand the finished report to the
   * outbox under a key made now, which sends it from whatever page is open until the server
   * confirms. The draft is done.
   */
  async function submit() {
    setConfirming(false);
    // The ref, not the state: taps within one render would each see no key yet.
    if (queuedRef.current) return;
    const now = serverNow();
    const badStep = firstStepWithProblems(form, now, channel);
    if (badStep !== null) {
      setDraft((current) => ({ ...current, step: badStep }));
      setProblems(formProblems(form, now, channel));
      scrollToFirstError();
      return;
    }
    setProblems({});
    setNotices([]);
    const idempotencyKey = createId();
    setQueuedKey(idempotencyKey);
    queuedRef.current = idempotencyKey;
    clearDraft(channel);
    await queueReport({ idempotencyKey, request: toReportRequest(form, channel, now), form });
  }

  const user = currentUser();
  const hotline = channel === 'hotline';
  const fields = { form, update, problems };
  const stepBody = [
    <DangerStep key="danger" {...fields} onDanger={() => setDangerPrompt(true)} />,
    <SituationsStep key="situations" {...fields} />,
    <PlaceStep key="place" {...fields} />,
    <ChildStep key="child" {...fields} />,
    <StoryStep key="story" {...fields} onEvidence={updateEvidence} />,
    <ReporterStep
      key="reporter"
      {...fields}
      orgName={channel === 'mandatory' ? user?.orgName : undefined}
    />,
    <ReviewStep key="review" form={form} onEdit={goTo} />,
  ][step];
  const summary = [
    ...notices,
    ...problemSummary(problems, hotline ? null : REPORT_STEPS[step].key),
  ];
  // Under the thumb, above 下一步 or 提交: how much is drawn red, and what no field shows.
  const summaryBox = summary.length > 0 && (
    <View className="error-box report-problems">
      {summary.map((line) => (
        <Text key={line} className="error-line">
          {line}
        </Text>
      ))}
    </View>
  );

  return (
    <View className={`page report-page ${hotline ? 'report-page-hotline' : ''}`}>
      {!hotline && (
        <View className="report-steps">
          <View className="report-step-bar">
            {REPORT_STEPS.map((s, index) => {
              const state = index === step ? 'current' : index < step ? 'done' : 'todo';
              return (
                <View
                  key={s.key}
                  className={`report-step report-step-${state}`}
                  ariaLabel={`第${index + 1}步 ${s.title}${state === 'current' ? '，当前' : ''}`}
                >
                  <Text className="report-step-dot">{state === 'done' ? '✓' : index + 1}</Text>
                  <Text className="report-step-title">{s.title}</Text>
                </View>
              );
            })}
          </View>
          <Text className="hint report-step-count">
            第{step + 1}步，共{REPORT_STEPS.length}步 · 填写内容自动保存在手机上
          </Text>
        </View>
      )}

      {requestedChannel === 'mandatory' && channel !== 'mandatory' && step === 0 && (
        <View className="section">
          <Text className="hint">
            您还没有绑定所在单位，这份报告将作为“举报/求助”提交，同样会送到负责的部门。
          </Text>
          <Text className="link" onClick={() => void Taro.navigateTo({ url: '/pages/bind/index' })}>
            去绑定单位
          </Text>
        </View>
      )}

      {!queuedKey &&
        (hotline ? (
          <HotlineForm
            {...fields}
            onDanger={() => setDangerPrompt(true)}
            onEvidence={updateEvidence}
          />
        ) : (
          stepBody
        ))}

      {queuedKey && !outbox.sending && outbox.offline && (
        <View className="error-box report-unsent">
          <Text className="error-line">
            未发送，联网后自动发送。报告已保存在手机上，离开这个页面也会自动发送。
          </Text>
          <View
            className="big-button big-button-secondary report-retry"
            onClick={() => void sendQueued()}
          >
            <Text>立即重试</Text>
          </View>
        </View>
      )}

      {hotline ? (
        <View className={`step-nav ${queuedKey ? 'report-nav-waiting' : ''}`}>
          {summaryBox}
          <View
            className={`big-button big-button-primary report-submit ${submitting ? 'big-button-disabled' : ''}`}
            onClick={() => !submitting && askToSend()}
          >
            <Text>{submitting ? '正在提交…' : '提交报告'}</Text>
          </View>
        </View>
      ) : (
        <View className={`step-nav ${queuedKey ? 'report-nav-waiting' : ''}`}>
          {summaryBox}
          {step > 0 && (
            <View
              className="big-button big-button-secondary report-back"
              onClick={() => goTo(step - 1)}
            >
              <Text>上一步</Text>
            </View>
          )}
          {step < LAST_STEP ? (
            <View className="big-button big-button-primary report-next" onClick={next}>
              <Text>下一步</Text>
            </View>
          ) : (
            <View
              className={`big-button big-button-primary report-submit ${submitting ? 'big-button-disabled' : ''}`}
              onClick={() => !submitting && setConfirming(true)}
            >
              <Text>{submitting ? '正在提交…' : '提交报告'}</Text>
            </View>
          )}
        </View>
      )}

      <ConfirmDialog
        visible={confirming}
        title="确认提交这份报告？"
        content="提交后会立即送到负责的部门，不能撤回。"
        confirmText="确认提交"
        cancelText="再看看"
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
      <ConfirmDialog
        visible={dangerPrompt}
        title="孩子有危险，请先拨打110"
        content="正在受到伤害或面临危险时，报警最快。报警后可以回来继续填写。"
        confirmText="拨打110"
        cancelText="继续填写"
        onConfirm={() => {
          setDangerPrompt(false);
          void Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined);
        }}
        onCancel={() => setDangerPrompt(false)}
      />
      <SafeTonightQuestion form={form} update={update} onDanger={() => setDangerPrompt(true)} />
      <PrivacyPrompt />
    </View>
  );
}
