import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  DROPOUT_STATE_LABELS,
  TEXT_LIMITS,
  dropoutPoliceText,
  inputMaxLength,
  textLength,
  type ChildFileDetail,
  type DropoutPoliceReferral,
  type DropoutState,
} from '@shouhu/shared';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DetailRow as Row } from '../components/detail-row';
import { FieldError, invalidClass } from '../components/field-error';
import { placeProblems, type FieldProblems } from '../components/form-problems';
import { Sheet } from '../components/sheet';
import { refusalOf, type Refusal } from '../services/api-error';
import { changeDropout } from '../services/children';
import {
  dropoutButtonText,
  dropoutChoices,
  dropoutConfirmText,
  dropoutLines,
  dropoutMoveHint,
  dropoutProblems,
  dropoutRequest,
} from './dropout-actions';

interface DropoutSectionProps {
  file: ChildFileDetail;
  /** Reloads the file after a change (its timeline and next visit change with it). */
  onChanged: () => void;
}

/**
 * 控辍保学 on the file page: where the child is on the dropout list, since when, the 复学巩固回访's
 * window while 已复学, and for keepers the moves the loop allows now, each in a sheet (a note; for
 * 去向不明 the note the police will read) and confirmed before it is sent.
 */
export function DropoutSection({ file, onChanged }: DropoutSectionProps) {
  const [acting, setActing] = useState<DropoutState | null>(null);
  const [note, setNote] = useState('');
  const [own, setOwn] = useState<FieldProblems>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [police, setPolice] = useState<DropoutPoliceReferral | null>(null);

  const dropout = file.dropout ?? null;
  const mayChange = file.mayEdit && file.status === 'active';
  // A reader who may not change the file learns nothing from "not on the list".
  if (!dropout && !mayChange) return null;
  const problems = placeProblems(own, refusal, ['note']);

  function open(to: DropoutState) {
    setActing(to);
    setNote('');
    setOwn({});
    setRefusal(null);
  }

  function ask() {
    if (!acting) return;
    const found = dropoutProblems(acting, note);
    setOwn(found);
    setRefusal(null);
    if (Object.keys(found).length === 0) setConfirming(true);
  }

  async function send(to: DropoutState) {
    setBusy(true);
    try {
      const answer = await changeDropout(file.id, dropoutRequest(to, note));
      setActing(null);
      setPolice(answer.police);
      void Taro.showToast({ title: `已改为${DROPOUT_STATE_LABELS[to]}`, icon: 'success' });
      onChanged();
    } catch (e) {
      setRefusal(refusalOf(e, '提交失败，请检查网络后再试；写的内容还在'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section file-dropout">
      <Text className="section-title">控辍保学</Text>
      {dropoutLines(dropout).map((line) => (
        <Row key={line.label} label={line.label} value={line.value} />
      ))}
      {police && <Text className="hint dropout-police">{dropoutPoliceText(police)}</Text>}
      {mayChange && (
        <View className="action-grid dropout-actions">
          {dropoutChoices(dropout).map((to) => (
            <View
              key={to}
              className={`big-button big-button-secondary dropout-to-${to}`}
              onClick={() => open(to)}
            >
              <Text>{dropoutButtonText(dropout, to)}</Text>
            </View>
          ))}
        </View>
      )}

      {acting && (
        <Sheet
          title={dropoutButtonText(dropout, acting)}
          className="dropout-sheet"
          problems={problems.lines}
          submitText="提交"
          busy={busy}
          onSubmit={ask}
          onClose={() => setActing(null)}
        >
          <Text className="hint">{dropoutMoveHint(acting)}</Text>
          <Text className="field-label">
            情况说明{acting === 'whereabouts_unknown' ? '（必填）' : '（选填）'}
          </Text>
          <Textarea
            className={`textarea dropout-note${invalidClass(problems.fields, 'note')}`}
            value={note}
            maxlength={inputMaxLength(TEXT_LIMITS.dropoutNote)}
            onInput={(e) => setNote(e.detail.value)}
          />
          <Text className="counter">
            {textLength(note)}/{TEXT_LIMITS.dropoutNote.max}
          </Text>
          <FieldError problems={problems.fields} name="note" />
        </Sheet>
      )}
      <ConfirmDialog
        visible={confirming}
        title="请确认"
        content={acting ? dropoutConfirmText(dropout, acting) : ''}
        confirmText="确认"
        onConfirm={() => {
          setConfirming(false);
          if (acting && !busy) void send(acting);
        }}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
