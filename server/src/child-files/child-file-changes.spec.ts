import { describeFileChange, type FileChange } from './child-file-changes';

const NONE: FileChange = {
  fields: [],
  categoriesAdded: [],
  categoriesRemoved: [],
  move: null,
  status: null,
  priority: null,
};
const WHO = '关庙村委会';

describe(describeFileChange.name, () => {
  it('says nothing when nothing changed', () => {
    expect(describeFileChange(NONE, WHO)).toEqual([]);
  });

  it('names the changed parts and the categories in words, and who changed them', () => {
    const records = describeFileChange(
      {
        ...NONE,
        fields: ['guardian', 'help'],
        categoriesAdded: ['left_behind', 'low_income'],
        categoriesRemoved: ['serious_illness'],
      },
      WHO,
    );

    expect(records).toEqual([
      {
        kind: 'updated',
        text: '关庙村委会修改了监护人、帮扶措施、儿童类别（新增农村留守儿童、低保/贫困家庭；去掉重病）',
        action: 'child_file.update',
        detail: {
          fields: ['guardian', 'help'],
          categoriesAdded: ['left_behind', 'low_income'],
          categoriesRemoved: ['serious_illness'],
        },
      },
    ]);
  });

  it('tells 重点关注 turned on and off as a line of its own', () => {
    const on = describeFileChange({ ...NONE, priority: true }, WHO);
    const off = describeFileChange({ ...NONE, fields: ['school'], priority: false }, WHO);

    expect(on).toEqual([
      {
        kind: 'priority',
        text: '关庙村委会将孩子列为重点关注',
        action: 'child_file.priority',
        detail: { priority: true },
      },
    ]);
    expect(off.map((r) => [r.kind, r.text])).toEqual([
      ['updated', '关庙村委会修改了学校'],
      ['priority', '关庙村委会取消了重点关注'],
    ]);
  });

  it('tells a move with both places and the receiving unit, audited by division codes', () => {
    const move = {
      from: '341324100203',
      to: '341324100207',
      fromName: '泗城镇 · 关庙村委会',
      toName: '泗城镇 · 胡陈村委会',
      toUnitName: '胡陈村委会',
    };

    expect(describeFileChange({ ...NONE, move }, WHO)).toEqual([
      {
        kind: 'moved',
        text: '关庙村委会将档案从泗城镇 · 关庙村委会迁至泗城镇 · 胡陈村委会，由胡陈村委会接收',
        action: 'child_file.move',
        detail: { from: '341324100203', to: '341324100207' },
      },
    ]);
    expect(describeFileChange({ ...NONE, move: { ...move, toUnitName: null } }, WHO)[0].text).toBe(
      '关庙村委会将档案从泗城镇 · 关庙村委会迁至泗城镇 · 胡陈村委会，当地暂无村（居）委会或乡镇单位接收',
    );
  });

  it.each([
    ['turned_18', '关庙村委会销号：年满18周岁'],
    ['situation_resolved', '关庙村委会销号：困境情形已消除'],
    ['moved_out', '关庙村委会销号：迁出本县'],
    ['deceased', '关庙村委会销号：儿童死亡'],
    ['other', '关庙村委会销号：其他原因'],
  ] as const)('tells a closing for %s by its reason', (reason, text) => {
    expect(describeFileChange({ ...NONE, status: { closed: reason } }, WHO)).toEqual([
      { kind: 'closed', text, action: 'child_file.close', detail: { closeReason: reason } },
    ]);
  });

  it('tells a reopening, after the changes made with it', () => {
    const records = describeFileChange({ ...NONE, fields: ['school'], status: 'reopened' }, WHO);

    expect(records.map((r) => [r.kind, r.text])).toEqual([
      ['updated', '关庙村委会修改了学校'],
      ['reopened', '关庙村委会恢复在册'],
    ]);
  });
});
