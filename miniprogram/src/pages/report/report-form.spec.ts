import {
  characterCount,
  emptyReportForm,
  formProblems,
  toReportRequest,
  toggleSituation,
  type ReportForm,
} from './report-form';

function aFilledForm(overrides: Partial<ReportForm> = {}): ReportForm {
  return {
    ...emptyReportForm([
      { code: '34', name: '安徽省' },
      { code: '3413', name: '宿州市' },
      { code: '341324', name: '泗县' },
    ]),
    immediateDanger: false,
    situations: ['dropout'],
    description: '孩子已经两周没有来上学了。',
    ...overrides,
  };
}

describe('formProblems', () => {
  it('accepts a filled form', () => {
    expect(formProblems(aFilledForm())).toEqual([]);
  });

  it('asks for everything an empty form lacks, in the order of the form', () => {
    expect(formProblems(emptyReportForm())).toEqual([
      '请先回答：孩子现在有危险吗？',
      '请至少选择一种您看到的情况',
      '请把情况写得具体一些（至少10个字）',
      '请选择孩子所在的县（区），能选到乡镇或村更好',
    ]);
  });

  it('does not count surrounding spaces toward the description', () => {
    expect(formProblems(aFilledForm({ description: '   太短了     ' }))).toEqual([
      '请把情况写得具体一些（至少10个字）',
    ]);
  });

  it('checks the phone only when the reporter gives one and is not anonymous', () => {
    expect(formProblems(aFilledForm({ identity: 'named', reporterPhone: '12345' }))).toEqual([
      '电话应为手机号或带区号的固定电话',
    ]);
    expect(formProblems(aFilledForm({ identity: 'anonymous', reporterPhone: '12345' }))).toEqual(
      [],
    );
    expect(formProblems(aFilledForm({ identity: 'named', reporterPhone: '' }))).toEqual([]);
  });
});

describe('toReportRequest', () => {
  const discoveredAt = new Date('2026-11-22T08:00:00Z');

  it('sends an anonymous reporter without any identity', () => {
    const request = toReportRequest(
      aFilledForm({ identity: 'anonymous', reporterName: '王', reporterPhone: '13800000000' }),
      'public',
      discoveredAt,
    );

    expect(request.reporter).toEqual({ anonymous: true });
  });

  it('sends a confidential reporter with trimmed details and leaves out empty fields', () => {
    const request = toReportRequest(
      aFilledForm({ identity: 'confidential', reporterName: ' 王老师 ', address: '  ' }),
      'mandatory',
      discoveredAt,
    );

    expect(request).toMatchObject({
      channel: 'mandatory',
      immediateDanger: false,
      discoveredAt: '2026-11-22T08:00:00.000Z',
      location: { divisionCode: '341324', address: undefined },
      reporter: { anonymous: false, confidential: true, name: '王老师', phone: undefined },
    });
  });
});

describe('toggleSituation', () => {
  it('adds a situation once and removes it on the second tap', () => {
    const once = toggleSituation(['dropout'], 'living_alone');
    expect(once).toEqual(['dropout', 'living_alone']);
    expect(toggleSituation(once, 'dropout')).toEqual(['living_alone']);
  });
});

describe('characterCount', () => {
  it('counts an emoji or a rare character as one', () => {
    expect(characterCount('𠮷😀ab')).toBe(4);
  });
});
