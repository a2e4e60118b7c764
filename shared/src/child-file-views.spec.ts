import {
  childFileAge,
  fileOrderEventText,
  fileReportText,
  fileReportViewer,
  ORDER_EVENT_WORDS,
} from './child-file-views';
import type { ChildFileCapacity } from './child-files';
import type { ReceivingDepartment } from './departments';
import { mayKnowReporter, type ReporterPrivacy } from './reporter-identity';
import { isWholeSentence } from './sentences';

const CONFIDENTIAL: ReporterPrivacy = { anonymous: false, confidential: true };
const NAMED: ReporterPrivacy = { anonymous: false, confidential: false };
const ANONYMOUS: ReporterPrivacy = { anonymous: true, confidential: false };

/** Whether the file's viewer learns who filed a report of each kind. */
function disclosed(capacity: ChildFileCapacity, held: ReceivingDepartment | null) {
  const viewer = fileReportViewer(capacity, held);
  const knows = (privacy: ReporterPrivacy) => viewer !== null && mayKnowReporter(privacy, viewer);
  return { named: knows(NAMED), confidential: knows(CONFIDENTIAL), anonymous: knows(ANONYMOUS) };
}

describe(fileReportViewer.name, () => {
  it.each<[ChildFileCapacity, ReceivingDepartment | null, boolean, boolean]>([
    ['coordinator', null, true, true],
    ['keeper', null, true, false],
    ['keeper', 'township', true, false],
    ['order_holder', 'police', true, true],
    ['order_holder', 'civil_affairs', true, false],
    ['order_holder', 'education', true, false],
    ['order_holder', null, false, false],
  ])(
    'shows %s holding %s a named reporter: %s, a confidential one: %s',
    (capacity, held, named, confidential) => {
      expect(disclosed(capacity, held)).toEqual({ named, confidential, anonymous: false });
    },
  );
});

describe(fileOrderEventText.name, () => {
  const note = {
    department: 'civil_affairs' as const,
    unitName: '泗县民政局',
    kind: 'note',
    text: '已与孩子的外婆面谈。',
  };

  it('shows the event’s own text to a viewer who may open the order', () => {
    expect(fileOrderEventText({ ...note, mayOpen: true })).toBe(
      '民政（泗县民政局）：已与孩子的外婆面谈。',
    );
  });

  it('shows only what happened to a viewer who may not', () => {
    expect(fileOrderEventText({ ...note, mayOpen: false })).toBe(
      '民政（泗县民政局）：添加了办理记录。',
    );
  });

  it('names an order no unit holds, and an event it has no words for, as whole sentences', () => {
    expect(
      fileOrderEventText({ ...note, unitName: null, kind: 'something_new', mayOpen: false }),
    ).toBe('民政（未分派单位）：更新了工单。');
  });

  it.each(Object.keys(ORDER_EVENT_WORDS))('words %s as a whole sentence', (kind) => {
    expect(isWholeSentence(fileOrderEventText({ ...note, kind, mayOpen: false }))).toBe(true);
  });
});

describe(fileReportText.name, () => {
  it('names the situations and the channel', () => {
    expect(
      fileReportText({ situations: ['dropout', 'poverty_hardship'], channel: 'mandatory' }),
    ).toBe('收到报告：辍学、生活困难（强制报告）。');
  });
});

describe(childFileAge.name, () => {
  it.each([
    ['a birth date', { birthDate: '2016-05-02', ageYears: 3 }, 9],
    ['a birthday today', { birthDate: '2016-05-01' }, 10],
    ['a 身份证号', { idNumber: '341324201503010014' }, 11],
    ['an age alone', { ageYears: 7 }, 7],
    ['nothing', {}, undefined],
  ])('takes the age from %s', (_kind, child, age) => {
    expect(childFileAge(child, '2026-05-01')).toBe(age);
  });
});
