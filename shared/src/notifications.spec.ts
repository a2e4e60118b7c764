import {
  SUBSCRIBE_KINDS,
  THING_MAX_LENGTH,
  isSubscribeKind,
  newOrderMessageData,
  subscribeMessageData,
  type SubscribeKind,
} from './notifications';
import { PRIORITIES } from './priorities';
import { SITUATION_CODES, type SituationCode } from './situations';

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

describe(newOrderMessageData.name, () => {
  const order = (overrides: Partial<Parameters<typeof newOrderMessageData>[0]> = {}) => ({
    priority: 'P3' as const,
    situations: ['dropout'] as SituationCode[],
    place: '泗城镇',
    signDueAt: new Date('2026-11-18T15:59:59.999Z'),
    ...overrides,
  });

  it('fills the four fields: priority, situations, place and the sign deadline in Beijing time', () => {
    expect(
      newOrderMessageData(
        order({
          priority: 'P1',
          situations: ['violence_abuse', 'living_alone'],
          place: '泗城镇 · 城东村',
          signDueAt: new Date('2026-11-17T01:50:00Z'),
        }),
      ),
    ).toEqual({
      phrase1: { value: '紧急' },
      thing2: { value: '受到侵害或伤害、无人监护' },
      thing3: { value: '泗城镇 · 城东村' },
      time4: { value: '2026-11-17 09:50' },
    });
  });

  it.each([
    ['P1', '紧急'],
    ['P2', '加急'],
    ['P3', '一般'],
  ] as const)('labels %s as %s, within WeChat’s five characters', (priority, label) => {
    expect(newOrderMessageData(order({ priority })).phrase1.value).toBe(label);
  });

  it('names the kinds of case most serious first, whatever order the reporter picked them in', () => {
    const data = newOrderMessageData(order({ situations: ['dropout', 'missing_trafficked'] }));

    expect(data.thing2.value).toBe('受到侵害或伤害、生活或就学困难');
  });

  it('never names a sexual offence on a screen anyone holding the phone may read', () => {
    const data = newOrderMessageData(
      order({ situations: ['sexual_assault_under14', 'private_part_injury'] }),
    );

    expect(data.thing2.value).toBe('受到侵害或伤害');
  });

  it('never exceeds WeChat’s limits, even with every situation and a long place name', () => {
    for (const priority of PRIORITIES) {
      const data = newOrderMessageData(
        order({
          priority,
          situations: [...SITUATION_CODES],
          place: '某某某某镇 · 某某某某某某某某某某社区居民委员会',
        }),
      );

      expect(Array.from(data.phrase1.value).length).toBeLessThanOrEqual(5);
      expect(Array.from(data.thing2.value).length).toBeLessThanOrEqual(THING_MAX_LENGTH);
      expect(Array.from(data.thing3.value).length).toBeLessThanOrEqual(THING_MAX_LENGTH);
      expect(data.thing3.value).toBe('某某某某镇 · 某某某某某某某某某某社…');
    }
  });

  it('points to the order instead of leaving a field empty, which WeChat refuses', () => {
    const data = newOrderMessageData(order({ situations: [], place: '  ' }));

    expect(data.thing2.value).toBe('见工单详情');
    expect(data.thing3.value).toBe('见工单详情');
  });
});
