import {
  SUBSCRIBE_KINDS,
  THING_MAX_LENGTH,
  isSubscribeKind,
  subscribeMessageData,
  type SubscribeKind,
} from './notifications';

const milestone = (text: string) => ({
  trackingCode: 'ACDEFGHJKM',
  at: new Date('2026-11-16T01:30:45Z'),
  text,
});

describe(subscribeMessageData.name, () => {
  it.each<[SubscribeKind, string]>([
    ['accepted', '已受理'],
    ['progress', '办理中'],
    ['closed', '已办结'],
  ])('fills the four fields of a %s message', (kind, phrase) => {
    expect(subscribeMessageData(kind, milestone('乡镇（儿童督导员）已受理'))).toEqual({
      character_string1: { value: 'ACDE-FGHJ-KM' },
      phrase2: { value: phrase },
      time3: { value: '2026-11-16 09:30' },
      thing4: { value: '乡镇（儿童督导员）已受理' },
    });
  });

  it('keeps every phrase within WeChat’s five characters', () => {
    for (const kind of SUBSCRIBE_KINDS) {
      expect(
        Array.from(subscribeMessageData(kind, milestone('x')).phrase2.value).length,
      ).toBeLessThanOrEqual(5);
    }
  });

  it.each([
    [
      'exactly 20 characters unchanged',
      '一二三四五六七八九十一二三四五六七八九十',
      '一二三四五六七八九十一二三四五六七八九十',
    ],
    [
      'a longer text cut to 20 with an ellipsis',
      '已办结：已劝返复学。孩子已回到学校上课，老师会持续关注。',
      '已办结：已劝返复学。孩子已回到学校上课…',
    ],
    [
      'emoji and rare 汉字 counted as one character each',
      '𠮷👍一二三四五六七八九十一二三四五六七八九十',
      '𠮷👍一二三四五六七八九十一二三四五六七…',
    ],
    ['line breaks flattened', '  已家访\n正在做\t家长工作 ', '已家访 正在做 家长工作'],
  ])('gives thing4 %s', (_, text, expected) => {
    const value = subscribeMessageData('progress', milestone(text)).thing4.value;

    expect(value).toBe(expected);
    expect(Array.from(value).length).toBeLessThanOrEqual(THING_MAX_LENGTH);
  });
});

describe(isSubscribeKind.name, () => {
  it('recognises the three kinds and nothing else', () => {
    expect(SUBSCRIBE_KINDS.every(isSubscribeKind)).toBe(true);
    expect(isSubscribeKind('reopened')).toBe(false);
    expect(isSubscribeKind('submitted')).toBe(false);
  });
});
