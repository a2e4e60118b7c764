import {
  DROPOUT_STATE_LABELS,
  DROPOUT_TRANSITIONS,
  TEXT_LIMITS,
  chineseDay,
  dropoutChangeErrors,
  textProblem,
  visibleLength,
  type ChildFileDropout,
  type DropoutChangeRequest,
  type DropoutState,
} from '@shouhu/shared';
import type { FieldProblems } from '../components/form-problems';

/**
 * The states a worker may move the file to from where it is (shared `DROPOUT_TRANSITIONS`, the
 * table the server checks): 巩固 never, which the check visit decides.
 */
export function dropoutChoices(dropout: ChildFileDropout | null): readonly DropoutState[] {
  return DROPOUT_TRANSITIONS[dropout?.state ?? 'none'];
}

/** The button of a move: 列入控辍保学名单 for a child not on it, else 改为“已复学”. */
export function dropoutButtonText(from: ChildFileDropout | null, to: DropoutState): string {
  return from ? `改为“${DROPOUT_STATE_LABELS[to]}”` : '列入控辍保学名单（劝返中）';
}

/** What the sheet says the move will do, before the worker confirms it. */
export function dropoutMoveHint(to: DropoutState): string {
  switch (to) {
    case 'persuading':
      return '孩子没有上学，正在劝返。';
    case 'returned':
      return '孩子已回到学校。系统会安排一次复学巩固回访，看孩子是否还在上学。';
    case 'struck_off':
      return '孩子已巩固复学，从控辍保学名单销号。档案仍然在册，照常走访。';
    case 'whereabouts_unknown':
      return '会转给公安机关查找孩子下落：请写明什么时候最后见到孩子、可能去了哪里。';
    case 'consolidated':
      return '巩固由复学巩固回访确认。';
  }
}

/** The question of the confirmation, which names the move and what follows from it. */
export function dropoutConfirmText(from: ChildFileDropout | null, to: DropoutState): string {
  const move = from
    ? `从“${DROPOUT_STATE_LABELS[from.state]}”改为“${DROPOUT_STATE_LABELS[to]}”`
    : '列入控辍保学名单（劝返中）';
  return `确认${move}？${to === 'whereabouts_unknown' ? '提交后会转给公安机关查找。' : ''}`;
}

/**
 * The sheet's checks, keyed `note` as the server names it: the note's length, and for 去向不明 at
 * least the words the police need (shared `dropoutChangeErrors`).
 */
export function dropoutProblems(to: DropoutState, note: string): FieldProblems {
  const required = dropoutChangeErrors({ state: to, note: note.trim() }).note;
  if (required) return { note: required };
  if (visibleLength(note) === 0) return {};
  const problem = textProblem(note.trim(), TEXT_LIMITS.dropoutNote);
  return problem ? { note: problem } : {};
}

export function dropoutRequest(to: DropoutState, note: string): DropoutChangeRequest {
  return { state: to, ...(visibleLength(note) > 0 ? { note: note.trim() } : {}) };
}

/** The section's lines: the state and since when, and the check's window while 已复学. */
export function dropoutLines(dropout: ChildFileDropout | null): { label: string; value: string }[] {
  if (!dropout) return [{ label: '状态', value: '不在控辍保学名单上' }];
  const lines = [
    { label: '状态', value: DROPOUT_STATE_LABELS[dropout.state] },
    { label: '开始于', value: chineseDay(dropout.since) },
  ];
  if (dropout.returnedAt && dropout.state !== 'returned') {
    lines.push({ label: '上次复学', value: chineseDay(dropout.returnedAt) });
  }
  if (dropout.state === 'returned' && dropout.check) {
    lines.push({
      label: '复学巩固回访',
      value: `${chineseDay(dropout.check.startedAt)} 至 ${chineseDay(dropout.check.dueAt)}`,
    });
  }
  return lines;
}
