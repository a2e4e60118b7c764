import { callbackErrors, callbackRefusal } from './callbacks';

describe(callbackErrors.name, () => {
  it.each([
    [{ reached: true, score: 4 }, {}],
    [{ reached: false }, {}],
    [{ reached: true }, { score: '接通了请记录满意度（1到5分）' }],
    [{ reached: false, score: 1 }, { score: '未接通不能记录满意度' }],
  ])('%j → %j', (call, errors) => {
    expect(callbackErrors(call)).toEqual(errors);
  });
});

describe(callbackRefusal.name, () => {
  it.each([
    [{ closed: false, calledBack: false }, 'CALLBACK_REPORT_NOT_CLOSED'],
    [{ closed: true, calledBack: true }, 'ALREADY_CALLED_BACK'],
    [{ closed: true, calledBack: false }, null],
  ] as const)('%j → %s', (report, code) => {
    expect(callbackRefusal(report)).toBe(code);
  });
});
