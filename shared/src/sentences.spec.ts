import { isWholeSentence, sentence } from './sentences';

describe('sentence', () => {
  it.each([
    ['已签收，开始办理', '已签收，开始办理。'],
    ['已签收，开始办理。', '已签收，开始办理。'],
    ['孩子在哪里？', '孩子在哪里？'],
    ['  已办结  ', '已办结。'],
    ['已退单，原因：', '已退单，原因。'],
    ['已退单，原因：不属于本辖区，', '已退单，原因：不属于本辖区。'],
    ['', ''],
  ])('turns %j into %j', (text, expected) => {
    expect(sentence(text)).toBe(expected);
  });

  it('makes every text it returns a whole sentence', () => {
    for (const text of ['签收期限将至', '因情形“辍学”，通知本部门协助办理', '退单：']) {
      expect(isWholeSentence(sentence(text))).toBe(true);
    }
  });
});

describe('isWholeSentence', () => {
  it.each([
    ['已签收，开始办理。', true],
    ['要求重新办理，原因：评估结果需要复核。', true],
    ['情形“不上学了”需通知', false],
    ['情形“不上学了”需通知。', false],
    ['退单：', false],
    ['退单：。', false],
    ['已签收', false],
    ['。', false],
  ])('judges %j as %s', (text, expected) => {
    expect(isWholeSentence(text)).toBe(expected);
  });
});
