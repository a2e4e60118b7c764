import { wholeScope } from './scope-words';

describe(wholeScope.name, () => {
  it.each([
    [['341324'], '全县', '全县（全部乡镇）'],
    [['341324100'], '全镇', '全镇（全部村）'],
    [['341324100', '341324101'], '全镇', '全镇（全部村）'],
    [['341324100', '341324'], '全县', '全县（全部乡镇）'],
    [['3413'], '全市', '全市（全部县、区）'],
    [['341324100203', '341324100207'], '全部', '全部（本单位的村）'],
  ])('calls all of %j %s, and offers %s', (prefixes, whole, label) => {
    expect(wholeScope(prefixes)).toEqual({ whole, label });
  });
});
