import { placeProblems, refusalLines } from './form-problems';

const NOT_IT = '提交的内容有误，请按提示修改';

describe(placeProblems.name, () => {
  it('puts each problem of a field the form draws at that field, with nothing in the list', () => {
    expect(
      placeProblems(
        { reason: '请填写原因' },
        { message: NOT_IT, fields: { unitId: '请选择单位' } },
        ['reason', 'unitId'],
      ),
    ).toEqual({ fields: { reason: '请填写原因', unitId: '请选择单位' }, lines: [] });
  });

  it('lets the form’s own check win a field the server named too', () => {
    expect(
      placeProblems({ reason: '请填写原因' }, { message: NOT_IT, fields: { reason: '原因太长' } }, [
        'reason',
      ]).fields,
    ).toEqual({ reason: '请填写原因' });
  });

  it('lists a field the form does not draw, never dropping it, after the drawn ones', () => {
    expect(
      placeProblems(
        {},
        { message: NOT_IT, fields: { reason: '原因太长', channel: '不允许的字段' } },
        ['reason'],
      ),
    ).toEqual({ fields: { reason: '原因太长' }, lines: ['不允许的字段'] });
  });

  it('lists the refusal’s message when no field shows why', () => {
    expect(placeProblems({}, { message: '工单已被改派', fields: {} }, ['reason'])).toEqual({
      fields: {},
      lines: ['工单已被改派'],
    });
    expect(
      placeProblems({}, { message: NOT_IT, fields: { channel: '不允许的字段' } }, ['reason']).lines,
    ).toEqual([NOT_IT, '不允许的字段']);
  });

  it('shows nothing for a form with no problem and no refusal', () => {
    expect(placeProblems({}, null, ['reason'])).toEqual({ fields: {}, lines: [] });
  });
});

describe('refusalLines', () => {
  it('reads a refusal out whole where no field is drawn: its message, then each reason', () => {
    expect(refusalLines({ message: NOT_IT, fields: { reason: '原因太长' } })).toEqual([
      NOT_IT,
      '原因太长',
    ]);
  });
});
