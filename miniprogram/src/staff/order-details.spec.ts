import { childRows } from './order-details';

describe('childRows', () => {
  it('tells the handler when the reporter does not know where the child is', () => {
    expect(childRows({ ageYears: 13, whereaboutsUnknown: true })).toEqual([
      ['年龄', '13岁'],
      ['去向', '报告人不知道孩子现在在哪里（去向不明）'],
    ]);
    expect(childRows({ ageYears: 13, whereaboutsUnknown: false })).toEqual([['年龄', '13岁']]);
  });
});
