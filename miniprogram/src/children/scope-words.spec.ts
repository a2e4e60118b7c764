import { wholeScope } from './scope-words';

describe(wholeScope.name, () => {
  it.each([
    [['341324'], '全县', '全县（全部乡镇）', '乡镇、村（社区）'],
    [['341324100'], '全镇', '全镇（全部村）', '村（社区）'],
    [['341324100', '341324101'], '全镇', '全镇（全部村）', '村（社区）'],
    [['341324100', '341324'], '全县', '全县（全部乡镇）', '乡镇、村（社区）'],
    [['3413'], '全市', '全市（全部县、区）', '县（区）、乡镇、村'],
    [['341324100203', '341324100207'], '全部', '全部（本单位的村）', '村（社区）'],
  ])('calls all of %j %s, offers %s, and heads the filter %s', (prefixes, whole, label, field) => {
    expect(wholeScope(prefixes)).toEqual({ whole, label, field });
  });
});
