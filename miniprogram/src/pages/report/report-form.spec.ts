import {
  ASKED_FIELDS,
  REPORT_STEPS,
  characterCount,
  descriptionCounter,
  completeForm,
  emptyReportForm,
  firstStepOf,
  firstStepWithProblems,
  formProblems,
  problemSummary,
  problemsAfterEdit,
  stepOfField,
  withoutStep,
  stepProblems,
  offersSmsConsent,
  toReportRequest,
  toggleSituation,
  type ReportForm,
  type ReportStep,
} from './report-form';
import { aFilledForm, anEvidence } from '../../../test/factories';

const NOW = new Date('2026-11-22T16:00:00+08:00');

describe('formProblems', () => {
  it('accepts a filled form', () => {
    expect(formProblems(aFilledForm(), NOW, 'public')).toEqual({});
  });

  it('asks for everything an empty form lacks, at each field, in the order of the form', () => {
    const problems = formProblems(emptyReportForm(), NOW, 'public');
    expect(problems).toEqual({
      immediateDanger: '请先回答：孩子现在有危险吗？',
      situations: '请至少选择一种您看到的情况',
      'location.divisionCode': '请选择孩子所在的县（区），能选到乡镇或村更好',
      description: '请把情况写得具体一些（至少10个字）',
    });
    expect(Object.keys(problems)).toEqual([
      'immediateDanger',
      'situations',
      'location.divisionCode',
      'description',
    ]);
  });

  it('does not count surrounding spaces toward the description', () => {
    expect(formProblems(aFilledForm({ description: '   太短了     ' }), NOW, 'public')).toEqual({
      description: '请把情况写得具体一些（至少10个字）',
    });
  });

  it('counts only visible characters toward the description, and refuses control characters', () => {
    expect(formProblems(aFilledForm({ description: '\u200B'.repeat(12) }), NOW, 'public')).toEqual({
      description: '请把情况写得具体一些（至少10个字）',
    });
    expect(
      formProblems(aFilledForm({ description: '\u3164\u2800'.repeat(6) }), NOW, 'public'),
    ).toEqual({ description: '请把情况写得具体一些（至少10个字）' });
    expect(
      formProblems(aFilledForm({ description: '孩子被打了\u0000，需要帮助看看' }), NOW, 'public'),
    ).toEqual({ description: '情况描述含有不可见的控制字符，请删除后重新输入' });
  });

  it('leaves out an optional text with nothing visible', () => {
    const request = toReportRequest(
      aFilledForm({ address: '\u200B\u3164', child: { ...aFilledForm().child, name: '\u2800' } }),
      'public',
      NOW,
    );
    expect(request.location.address).toBeUndefined();
    expect(request.child.name).toBeUndefined();
  });

  it('checks the phone only when the reporter gives one and is not anonymous', () => {
    expect(
      formProblems(aFilledForm({ identity: 'named', reporterPhone: '12345' }), NOW, 'public'),
    ).toEqual({ 'reporter.phone': '电话应为手机号或带区号的固定电话' });
    expect(
      formProblems(aFilledForm({ identity: 'anonymous', reporterPhone: '12345' }), NOW, 'public'),
    ).toEqual({});
    expect(
      formProblems(aFilledForm({ identity: 'named', reporterPhone: '' }), NOW, 'public'),
    ).toEqual({});
  });

  // The server accepts these (shared isValidPhone); the form must not refuse what it would file.
  it.each([
    '+86 139-1234-5678',
    '0086 13912345678',
    '139 1234 5678',
    '＋８６１３９１２３４５６７８',
    '(0551) 6512-3456',
    '+86 551 6512 3456',
  ])('accepts the phone as people type it: %s', (reporterPhone) => {
    expect(formProblems(aFilledForm({ identity: 'named', reporterPhone }), NOW, 'public')).toEqual(
      {},
    );
  });
});

describe('stepProblems', () => {
  it('lets every step of a filled form go on', () => {
    expect(firstStepWithProblems(aFilledForm(), NOW, 'public')).toBeNull();
  });

  it('sends the reporter back to the first step that lacks an answer', () => {
    expect(firstStepWithProblems(aFilledForm({ situations: [] }), NOW, 'public')).toBe(1);
    expect(firstStepWithProblems(emptyReportForm(), NOW, 'public')).toBe(0);
  });

  it('accepts a child with nothing known, and refuses an adult age or a future birth date', () => {
    const child = emptyReportForm().child;
    expect(stepProblems(aFilledForm(), 'child', NOW, 'public')).toEqual({});
    expect(
      stepProblems(aFilledForm({ child: { ...child, age: '18' } }), 'child', NOW, 'public'),
    ).toEqual({ 'child.ageYears': '年龄应为0到17之间的整数' });
    expect(
      stepProblems(aFilledForm({ child: { ...child, age: '9.5' } }), 'child', NOW, 'public'),
    ).toEqual({ 'child.ageYears': '年龄应为0到17之间的整数' });
    expect(
      stepProblems(
        aFilledForm({ child: { ...child, birthDate: '2026-11-23' } }),
        'child',
        NOW,
        'public',
      ),
    ).toEqual({ 'child.birthDate': '出生日期不能晚于今天' });
  });

  // The server's rule for location.divisionCode (shared isDivisionCode): a county or deeper.
  it.each<[string, string[], number]>([
    ['a province', ['34'], 1],
    ['a city', ['34', '3413'], 1],
    ['a county', ['34', '3413', '341324'], 0],
    ['a township', ['34', '3413', '341324', '341324100'], 0],
    ['a village', ['34', '3413', '341324', '341324100', '341324100201'], 0],
  ])('asks for a county or deeper place: %s', (_, codes, problems) => {
    const division = codes.map((code) => ({ code, name: code }));

    expect(
      Object.keys(stepProblems(aFilledForm({ division }), 'place', NOW, 'public')),
    ).toHaveLength(problems);
  });

  it('holds the story step until every picked file is uploaded', () => {
    const uploading = aFilledForm({ evidence: [anEvidence({ uploadId: null })] });
    expect(stepProblems(uploading, 'story', NOW, 'public')).toEqual({
      attachments: '还有照片或视频没有上传成功：请点它重试，或删除后再继续',
    });
    expect(stepProblems(aFilledForm({ evidence: [anEvidence()] }), 'story', NOW, 'public')).toEqual(
      {},
    );
  });

  it.each([
    ['2026-12-04T07:00:00+08:00', '2026-12-04', {}],
    ['2026-12-04T00:00:00+08:00', '2026-12-04', {}],
    ['2026-12-03T23:59:00+08:00', '2026-12-04', { 'child.birthDate': '出生日期不能晚于今天' }],
    [
      '2026-12-04T07:00:00+08:00',
      '2008-12-04',
      { 'child.birthDate': '本平台受理未满18周岁的未成年人的情况' },
    ],
  ])(
    'at %s takes the birth date %s on the Beijing day, as the server does',
    (now, birthDate, problems) => {
      const form = aFilledForm({ child: { ...emptyReportForm().child, birthDate } });

      expect(stepProblems(form, 'child', new Date(now), 'public')).toEqual(problems);
    },
  );

  it('counts the discovery date on the Beijing day', () => {
    const at0700 = new Date('2026-12-04T07:00:00+08:00');

    expect(
      stepProblems(aFilledForm({ discoveredOn: '2026-12-04' }), 'story', at0700, 'public'),
    ).toEqual({});
    expect(
      stepProblems(aFilledForm({ discoveredOn: '2026-12-05' }), 'story', at0700, 'public'),
    ).toEqual({ discoveredAt: '发现时间不能晚于现在' });
  });

  // Each refusal is the server's own (shared reportConsistencyErrors on the body the form sends),
  // shown on the step that asks for the field before anything is sent.
  const child = (patch: Partial<ReportForm['child']>) => ({
    child: { ...emptyReportForm().child, ...patch },
  });
  it.each<[string, Partial<ReportForm>, string, string, string]>([
    ['an age of 18', child({ age: '18' }), 'child', 'child.ageYears', '年龄应为0到17之间的整数'],
    [
      'an age that is not a number',
      child({ age: '九' }),
      'child',
      'child.ageYears',
      '年龄应为0到17之间的整数',
    ],
    [
      'a child who is 18 by the birth date',
      child({ birthDate: '2008-11-22' }),
      'child',
      'child.birthDate',
      '本平台受理未满18周岁的未成年人的情况',
    ],
    [
      'an age two years off the birth date',
      child({ birthDate: '2015-03-01', age: '9' }),
      'child',
      'child.ageYears',
      '年龄与出生日期不符（按出生日期今年11周岁），请核对或只填一项',
    ],
    [
      'a discovery day after today',
      { discoveredOn: '2026-11-23' },
      'story',
      'discoveredAt',
      '发现时间不能晚于现在',
    ],
    [
      'a discovery day before the birth date',
      { discoveredOn: '2016-04-30', ...child({ birthDate: '2016-05-01' }) },
      'story',
      'discoveredAt',
      '发现时间不能早于孩子的出生日期（2016年5月1日）',
    ],
  ])(
    'refuses %s on its step, at its field, as the server would',
    (_, patch, step, field, problem) => {
      const form = aFilledForm(patch);

      expect(stepProblems(form, step as ReportStep, NOW, 'public')).toEqual({ [field]: problem });
      expect(formProblems(form, NOW, 'public')).toEqual({ [field]: problem });
    },
  );
});

describe('toReportRequest', () => {
  const discoveredAt = new Date('2026-11-22T08:00:00Z');

  it('sends an anonymous reporter without any identity', () => {
    const request = toReportRequest(
      aFilledForm({ identity: 'anonymous', reporterName: '王', reporterPhone: '13800000000' }),
      'public',
      discoveredAt,
    );

    expect(request.reporter).toEqual({ anonymous: true });
  });

  it('sends a confidential reporter with trimmed details and leaves out empty fields', () => {
    const request = toReportRequest(
      aFilledForm({ identity: 'confidential', reporterName: ' 王老师 ', address: '  ' }),
      'mandatory',
      discoveredAt,
    );

    expect(request).toMatchObject({
      channel: 'mandatory',
      immediateDanger: false,
      discoveredAt: '2026-11-22T08:00:00.000Z',
      location: { divisionCode: '341324', address: undefined },
      reporter: { anonymous: false, confidential: true, name: '王老师', phone: undefined },
    });
    expect(request.attachments).toBeUndefined();
  });

  it('sends what is known of the child, the position and the uploaded files', () => {
    const request = toReportRequest(
      aFilledForm({
        child: { name: ' 小明 ', gender: 'male', age: '9', birthDate: '', school: '' },
        position: { latitude: 33.48, longitude: 117.88 },
        evidence: [anEvidence()],
      }),
      'public',
      discoveredAt,
    );

    expect(request.child).toEqual({
      name: '小明',
      gender: 'male',
      ageYears: 9,
      birthDate: undefined,
      school: undefined,
      whereaboutsUnknown: false,
    });
    expect(request.location).toMatchObject({ latitude: 33.48, longitude: 117.88 });
    expect(request.attachments).toEqual([anEvidence().uploadId]);
  });

  it('takes an earlier discovery date at noon Beijing time of that day, and today as now', () => {
    const earlier = toReportRequest(aFilledForm({ discoveredOn: '2026-11-20' }), 'public', NOW);
    expect(earlier.discoveredAt).toBe('2026-11-20T04:00:00.000Z');
    const today = toReportRequest(aFilledForm({ discoveredOn: '2026-11-22' }), 'public', NOW);
    expect(today.discoveredAt).toBe(NOW.toISOString());
  });
});

describe('completeForm', () => {
  it('fills fields a draft saved by an older version of the app lacks', () => {
    const old = {
      situations: ['dropout'],
      description: '旧草稿里的描述文字。',
    } as Partial<ReportForm>;
    expect(completeForm(old)).toMatchObject({
      situations: ['dropout'],
      child: { name: '', age: '' },
      evidence: [],
      position: null,
    });
  });
});

describe('toggleSituation', () => {
  it('adds a situation once and removes it on the second tap', () => {
    const once = toggleSituation(['dropout'], 'living_alone');
    expect(once).toEqual(['dropout', 'living_alone']);
    expect(toggleSituation(once, 'dropout')).toEqual(['living_alone']);
  });
});

describe('characterCount', () => {
  it('counts an emoji or a rare character as one', () => {
    expect(characterCount('𠮷😀ab')).toBe(4);
  });
});

describe('知道孩子现在在哪里吗？', () => {
  const situationsStep = (form: Parameters<typeof stepProblems>[0]) =>
    stepProblems(form, 'situations', NOW, 'public');

  it('is asked for a dropout, and must be answered', () => {
    expect(situationsStep(aFilledForm({ whereaboutsUnknown: null }))).toEqual({
      'child.whereaboutsUnknown': '请回答：知道孩子现在在哪里吗？',
    });
    expect(situationsStep(aFilledForm({ whereaboutsUnknown: true }))).toEqual({});
  });

  it('is not asked without a dropout', () => {
    expect(
      situationsStep(aFilledForm({ situations: ['living_alone'], whereaboutsUnknown: null })),
    ).toEqual({});
  });

  it.each([
    [['dropout'], true, true],
    [['dropout'], false, false],
    [['dropout'], null, undefined],
    [['living_alone'], true, undefined],
  ] as const)('with %j and the answer %s sends %s', (situations, answer, sent) => {
    const request = toReportRequest(
      aFilledForm({ situations: [...situations], whereaboutsUnknown: answer }),
      'public',
      NOW,
    );
    expect(request.child.whereaboutsUnknown).toBe(sent);
  });
});

describe('SMS consent of a hotline caller', () => {
  const NOW_ = new Date('2026-11-22T12:00:00+08:00');

  it.each([
    ['hotline', '139 1234 5678', 'confidential', true],
    ['hotline', '0557-7011110', 'confidential', undefined],
    ['hotline', '', 'confidential', undefined],
    ['public', '13912345678', 'named', undefined],
  ] as const)('%s, phone %j, %s → smsConsent %s', (channel, phone, identity, sent) => {
    const request = toReportRequest(
      aFilledForm({ reporterPhone: phone, identity, smsConsent: true }),
      channel,
      NOW_,
    );

    expect(request.reporter.smsConsent).toBe(sent);
  });

  it('is offered only with a mobile number', () => {
    expect(offersSmsConsent({ identity: 'confidential', reporterPhone: '13912345678' })).toBe(true);
    expect(offersSmsConsent({ identity: 'confidential', reporterPhone: '0557-7011110' })).toBe(
      false,
    );
    expect(offersSmsConsent({ identity: 'anonymous', reporterPhone: '13912345678' })).toBe(false);
  });
});

describe('descriptionCounter', () => {
  it.each([
    ['', '还需至少10字 · 0/5000', true],
    ['孩子没上学', '还需至少5字 · 5/5000', true],
    ['\u200B\u200B孩子没上学', '还需至少5字 · 7/5000', true],
    ['孩子两周没上学了！', '还需至少1字 · 9/5000', true],
    ['孩子已经两周没上学了', '10/5000', false],
    ['孩子已经两周没有来上学了。', '13/5000', false],
  ])('shows %j as %j before any failure', (description, text, short) => {
    expect(descriptionCounter(description)).toEqual({ text, short });
  });

  it('stops asking exactly where 下一步 stops refusing', () => {
    for (let length = 0; length <= 12; length += 1) {
      const form = { ...emptyReportForm(), description: '字'.repeat(length) };
      const refused = stepProblems(form, 'story', new Date(), 'public').description !== undefined;
      expect(descriptionCounter(form.description).short).toBe(refused);
    }
  });
});

describe('refused fields and their steps', () => {
  it('knows the step of every field the form asks, and of no other', () => {
    for (const field of ASKED_FIELDS) {
      expect(REPORT_STEPS.map((step) => step.key)).toContain(stepOfField(field));
    }
    expect(stepOfField('channel')).toBeNull();
    expect(stepOfField('toString')).toBeNull();
  });

  it('finds the first step a refusal names, past fields the form does not ask', () => {
    expect(
      firstStepOf({ 'reporter.phone': '号码停用', 'child.name': '太长', channel: '不对' }),
    ).toBe(REPORT_STEPS.findIndex((step) => step.key === 'child'));
    expect(firstStepOf({ channel: '不对' })).toBeNull();
  });

  it('takes one step’s problems away for 下一步 to ask them again, keeping the rest', () => {
    expect(
      withoutStep(
        {
          'child.ageYears': '不对',
          'child.name': '太长',
          'reporter.phone': '停用',
          channel: '不对',
        },
        'child',
      ),
    ).toEqual({ 'reporter.phone': '停用', channel: '不对' });
  });

  it('answers the problem of each field an edit changes, and only those', () => {
    const before = aFilledForm({ identity: 'named', reporterPhone: '13800000000' });
    const problems = {
      'child.ageYears': '不对',
      'reporter.phone': '停用',
      reporter: '匿名不填电话',
      channel: '不对',
    };

    expect(
      problemsAfterEdit(problems, before, { ...before, child: { ...before.child, age: '9' } }),
    ).toEqual({ 'reporter.phone': '停用', reporter: '匿名不填电话', channel: '不对' });
    expect(
      problemsAfterEdit(problems, before, { ...before, reporterPhone: '13900000000' }),
    ).toEqual({ 'child.ageYears': '不对', channel: '不对' });
    expect(problemsAfterEdit(problems, before, { ...before })).toEqual(problems);
  });

  it('sums up the fields drawn on the page, names the other steps, and lists unasked fields', () => {
    const problems = {
      'child.ageYears': '不对',
      'child.name': '太长',
      'reporter.phone': '停用',
      channel: '这个渠道暂停受理',
    };

    expect(problemSummary(problems, 'child')).toEqual([
      '有 2 处需要修改，已标红',
      '“身份”也有需要修改的地方',
      '这个渠道暂停受理',
    ]);
    expect(problemSummary(problems, 'review')).toEqual([
      '“孩子”“身份”也有需要修改的地方',
      '这个渠道暂停受理',
    ]);
    expect(problemSummary(problems, null)).toEqual(['有 3 处需要修改，已标红', '这个渠道暂停受理']);
    expect(problemSummary({}, 'child')).toEqual([]);
  });
});
