import {
  SUBSCRIBE_KINDS,
  THING_MAX_LENGTH,
  isSubscribeKind,
  newOrderMessageData,
  subscribeMessageData,
  type SubscribeKind,
} from './notifications';
import { RECEIVING_DEPARTMENTS } from './departments';
import {
  SITUATION_CATEGORY_SHORT_LABELS,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  situation,
} from './situations';

const milestone = { trackingCode: 'ACDEFGHJKM', at: new Date('2026-11-16T01:30:45Z') };

describe(subscribeMessageData.name, () => {
  it.each<[SubscribeKind, string, string]>([
    ['accepted', '已受理', '有关部门已受理，点开查看进展'],
    ['progress', '办理中', '有新的办理进展，点开查看'],
    ['closed', '已办结', '已办结，点开查看办理结果'],
  ])('fills the four fields of a %s message in fixed words', (kind, phrase, words) => {
    expect(subscribeMessageData(kind, milestone)).toEqual({
      character_string1: { value: 'ACDE-FGHJ-KM' },
      phrase2: { value: phrase },
      time3: { value: '2026-11-16 09:30' },
      thing4: { value: words },
    });
  });

  it('keeps every phrase within WeChat’s five characters and every thing within twenty', () => {
    for (const kind of SUBSCRIBE_KINDS) {
      const data = subscribeMessageData(kind, milestone);
      expect(Array.from(data.phrase2.value).length).toBeLessThanOrEqual(5);
      expect(Array.from(data.thing4.value).length).toBeLessThanOrEqual(THING_MAX_LENGTH);
    }
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
    department: 'township' as const,
    role: 'lead' as const,
    signDueAt: new Date('2026-11-18T15:59:59.999Z'),
    ...overrides,
  });

  it('fills the three fields: priority, the kind of case and the sign deadline in Beijing time', () => {
    expect(
      newOrderMessageData(
        order({
          priority: 'P1',
          department: 'police',
          signDueAt: new Date('2026-11-17T01:50:00Z'),
        }),
      ),
    ).toEqual({
      phrase1: { value: '紧急' },
      thing2: { value: '公安牵头工单' },
      time3: { value: '2026-11-17 09:50' },
    });
  });

  it.each([
    ['P1', '紧急'],
    ['P2', '加急'],
    ['P3', '一般'],
  ] as const)('labels %s as %s, within WeChat’s five characters', (priority, label) => {
    expect(newOrderMessageData(order({ priority })).phrase1.value).toBe(label);
  });

  it.each([
    ['police', 'lead', '公安牵头工单'],
    ['civil_affairs', 'assist', '民政协助工单'],
    ['township', 'lead', '乡镇牵头工单'],
    ['education', 'assist', '教育协助工单'],
  ] as const)('names a %s %s order as %s', (department, role, kind) => {
    expect(newOrderMessageData(order({ department, role })).thing2.value).toBe(kind);
  });

  it('names no situation and no kind of situation, for any department and role', () => {
    const words = [
      ...SITUATION_CODES.flatMap((code) => [
        situation(code).legalLabel,
        situation(code).plainLabel,
        SITUATION_SHORT_LABELS[code],
      ]),
      ...Object.values(SITUATION_CATEGORY_SHORT_LABELS),
    ];
    for (const department of RECEIVING_DEPARTMENTS) {
      for (const role of ['lead', 'assist'] as const) {
        const values = Object.values(newOrderMessageData(order({ department, role }))).map(
          (field) => field.value,
        );

        for (const value of values) {
          for (const word of words) expect(value).not.toContain(word);
          expect(Array.from(value).length).toBeLessThanOrEqual(THING_MAX_LENGTH);
        }
      }
    }
  });
});
