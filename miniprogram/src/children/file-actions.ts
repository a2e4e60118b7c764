import {
  childFileMoveProblem,
  textProblem,
  visibleLength,
  TEXT_LIMITS,
  type CloseReason,
  type UpdateChildFileRequest,
} from '@shouhu/shared';
import type { FieldProblems } from '../components/form-problems';

/** 销号: a reason always, and for 其他原因 a note saying which; keyed `closeReason`, `closeNote`. */
export function closeProblems(reason: CloseReason | '', note: string): FieldProblems {
  if (reason === '') return { closeReason: '请选择销号原因' };
  if (visibleLength(note) === 0)
    return reason === 'other' ? { closeNote: '选择“其他原因”时请写明销号说明' } : {};
  const problem = textProblem(note.trim(), TEXT_LIMITS.closeNote);
  return problem ? { closeNote: problem } : {};
}

export function closeRequest(reason: CloseReason, note: string): UpdateChildFileRequest {
  return {
    status: 'closed',
    closeReason: reason,
    ...(visibleLength(note) > 0 ? { closeNote: note.trim() } : {}),
  };
}

export const REOPEN_REQUEST: UpdateChildFileRequest = { status: 'active' };

/** 迁到其他村: the shared rule the server checks too (`childFileMoveProblem`), keyed `divisionCode`. */
export function moveProblems(target: string, current: string): FieldProblems {
  const problem = childFileMoveProblem(target, current);
  return problem ? { divisionCode: problem } : {};
}

export const MOVE_WARNING = '档案将转给新村的儿童主任，你将不能再查看';
