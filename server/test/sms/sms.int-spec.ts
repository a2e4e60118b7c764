import {
  OUTCOME_LABELS,
  chineseShortDateTime,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  situation,
  type ApiErrorBody,
  type AuthResponse,
  type SituationCode,
  type Unit,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { SMS_TIME_TO_LIVE } from '../../src/sms/sms-lifetimes';
import { SmsMessageEntity } from '../../src/sms/sms-message.entity';
import type { SmsTally } from '../../src/sms/sms-sender';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { http } from '../setup/http';
import { SMS_TEMPLATES, startSmsStandIn, type SmsStandIn } from '../setup/sms-stand-in';
import { startTestApp, type TestApp } from '../setup/test-app';

const FILED_AT = '2026-11-17T09:00:00+08:00';
const minutesAfterFiling = (minutes: number) =>
  new Date(new Date(FILED_AT).getTime() + minutes * 60_000);
const NOTHING: SmsTally = {
  sent: 0,
  refused: 0,
  failed: 0,
  retried: 0,
  unknown: 0,
  expired: 0,
  noPhone: 0,
};

const PHONES = {
  police: '13900000110',
  coordinator: '13900000001',
  city: '13900000002',
};
const CHILD = '李小花';
const REPORTER = '王建国';
const CALLER = '张秀英';
const CALLER_PHONE = '13912345678';

describe('SMS to duty phones and hotline callers, through the Tencent Cloud SMS stand-in', () => {
  let stand: SmsStandIn;
  let sut: TestApp;
  let county: County;

  beforeEach(async () => {
    stand = await startSmsStandIn();
    sut = await startTestApp({
      env: { ...stand.env, SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' },
    });
    county = await aCounty(sut.baseUrl);
    await county.setClock(FILED_AT);
    // The civil-affairs and township units have no duty phone; the police one is typed as people do.
    await setDutyPhone(county.units.police, '+86 139-0000-0110');
    await setDutyPhone(county.units.coordinator, PHONES.coordinator);
    await setDutyPhone(county.units.city, PHONES.city);
  });

  afterEach(async () => {
    // Every SMS any test produced: never the child, the situation or a person's name.
    const forbidden = [
      CHILD,
      REPORTER,
      CALLER,
      ...SITUATION_CODES.flatMap((code) => [
        situation(code).legalLabel,
        situation(code).plainLabel,
        SITUATION_SHORT_LABELS[code],
      ]),
    ];
    for (const sms of stand.received) {
      const text = (sms.body.TemplateParamSet ?? []).join(' ');
      for (const word of forbidden) expect(text).not.toContain(word);
    }
    await sut.close();
    await stand.close();
  });

  async function setDutyPhone(unit: Unit, dutyPhone: string | null): Promise<Unit> {
    const answer = await http<Unit>(sut.baseUrl, 'PATCH', `/admin/units/${unit.id}`, {
      token: county.sessions.admin.token,
      body: { dutyPhone },
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function sendSms(): Promise<SmsTally> {
    const answer = await http<SmsTally>(sut.baseUrl, 'POST', '/admin/sms/send', {
      token: county.sessions.admin.token,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  const file = (situations: SituationCode[], token = county.sessions.reporter.token) =>
    submitReport(sut.baseUrl, token, {
      situations,
      location: { divisionCode: TOWN },
      discoveredAt: '2026-11-17T08:00:00+08:00',
      child: { name: CHILD },
      reporter: { name: REPORTER },
    });

  /** Who got which kind of message: `+86phone template`. */
  const sent = () =>
    stand.received.map((sms) => `${sms.body.PhoneNumberSet?.join()} ${sms.body.TemplateId}`);
  const to = (phone: string, template: string) => `+86${phone} ${template}`;

  it('sends the P1 SMS through the stand-in: one per P1 order to each unit with a duty phone, none for P2 or P3', async () => {
    expect((await setDutyPhone(county.units.police, '+86 139-0000-0110')).dutyPhone).toBe(
      PHONES.police,
    );
    await file(['violence_abuse']);
    await file(['living_alone']);
    await file(['dropout']);

    expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
    expect(sent()).toEqual([to(PHONES.police, SMS_TEMPLATES.duty_order)]);
    const [sms] = stand.received;
    expect(sms.action).toBe('SendSms');
    expect(sms.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDstandin/);
    expect(sms.body).toMatchObject({
      SmsSdkAppId: '1400000000',
      SignName: '守护平台',
      TemplateParamSet: ['紧急', '受到侵害或伤害', '泗城镇', '11月17日 09:30'],
    });
    expect(await sendSms()).toEqual(NOTHING);
    expect(stand.received).toHaveLength(1);
  });

  it('texts the new unit when a P1 order is reassigned, and keeps phones sealed in the outbox', async () => {
    const report = await file(['missing_trafficked']);
    const police = await orderOf(
      sut.baseUrl,
      county.sessions.coordinator.token,
      report.id,
      'police',
    );
    const station = await http<Unit>(sut.baseUrl, 'POST', '/admin/units', {
      token: county.sessions.admin.token,
      body: {
        name: '墩集派出所',
        department: 'police',
        divisionPrefixes: [TOWN],
        dutyPhone: '13900000111',
      },
    });
    await act(sut.baseUrl, county.sessions.coordinator.token, police.id, 'reassign', {
      unitId: station.body.id,
      reason: '孩子在墩集派出所辖区',
    });

    const rows = await sut.app.get(DataSource).getRepository(SmsMessageEntity).find();
    expect(rows).toHaveLength(2);
    // A duty phone is the unit's when sending: the row names the unit, not a phone.
    expect(rows.map((row) => row.unitId).sort()).toEqual(
      [county.units.police.id, station.body.id].sort(),
    );
    for (const row of rows) expect(row.phoneSealed).toBeNull();
    await sendSms();
    expect(sent().sort()).toEqual(
      [
        to(PHONES.police, SMS_TEMPLATES.duty_order),
        to('13900000111', SMS_TEMPLATES.duty_order),
      ].sort(),
    );
  });

  it('texts every escalation once per report, stage and phone: 督办 at 100 % to the unit and the coordinator, red list at 200 % to the unit and the city', async () => {
    await file(['violence_abuse']);
    await sendSms();
    stand.received.length = 0;

    await county.setClock(minutesAfterFiling(31));
    await county.sweep();
    await county.sweep();
    // Police, civil affairs and the township each hold a P1 order of the report; the coordinator
    // hears of the report's 督办 once.
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 2 });
    expect(sent().sort()).toEqual(
      [
        to(PHONES.police, SMS_TEMPLATES.duty_escalation),
        to(PHONES.coordinator, SMS_TEMPLATES.duty_escalation),
      ].sort(),
    );
    expect(stand.received[0].body.TemplateParamSet).toEqual([
      '紧急',
      '签收已超时督办',
      '受到侵害或伤害',
      '泗城镇',
    ]);
    stand.received.length = 0;

    await county.setClock(minutesAfterFiling(61));
    await county.sweep();
    await county.sweep();
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 2 });
    expect(sent().sort()).toEqual(
      [
        to(PHONES.police, SMS_TEMPLATES.duty_escalation),
        to(PHONES.city, SMS_TEMPLATES.duty_escalation),
      ].sort(),
    );
    expect(stand.received.map((sms) => sms.body.TemplateParamSet?.[1])).toContain('签收超时两倍');
    expect(await sendSms()).toEqual(NOTHING);
  });

  it('retries a failed send after the backoff, never again once sent, and never a refused one', async () => {
    stand.answers.push({ error: 'FailedOperation.InsufficientBalanceInSmsPackage' });
    await file(['violence_abuse']);

    expect(await sendSms()).toEqual({ ...NOTHING, retried: 1 });
    expect(await sendSms()).toEqual(NOTHING);
    await county.setClock(minutesAfterFiling(2));
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
    await county.setClock(minutesAfterFiling(200));
    expect(await sendSms()).toEqual(NOTHING);
    expect(sent()).toEqual(Array(2).fill(to(PHONES.police, SMS_TEMPLATES.duty_order)));
    const [row] = await sut.app.get(DataSource).getRepository(SmsMessageEntity).find();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, providerSerial: 'serial-2' });

    stand.received.length = 0;
    stand.answers.push({ status: 'FailedOperation.PhoneNumberInBlacklist' });
    await file(['organized_begging']);
    expect(await sendSms()).toEqual({ ...NOTHING, refused: 1 });
    await county.setClock(minutesAfterFiling(400));
    expect(await sendSms()).toEqual(NOTHING);
    expect(stand.received).toHaveLength(1);
  });

  it('marks a P1 SMS not sent within its time to live expired and never sends it', async () => {
    await file(['violence_abuse']);
    const ttlMinutes = SMS_TIME_TO_LIVE.duty_order.ms / 60_000;

    await county.setClock(minutesAfterFiling(ttlMinutes + 1));
    expect(await sendSms()).toEqual({ ...NOTHING, expired: 1 });
    expect(await sendSms()).toEqual(NOTHING);
    expect(stand.received).toHaveLength(0);
    const [row] = await sut.app.get(DataSource).getRepository(SmsMessageEntity).find();
    expect(row.status).toBe('expired');
  });

  it('waits out a rate limit with the backoff, past five attempts, but never past the time to live', async () => {
    const limited = (times: number) => {
      for (let i = 0; i < times; i += 1) {
        stand.answers.push({ status: 'LimitExceeded.PhoneNumberOneHourLimit' });
      }
    };
    limited(3);
    stand.answers.push({ error: 'LimitExceeded.AppDailyLimit' });
    await file(['violence_abuse']);

    // Retries after 1, 5, 30 minutes, then every 120: the 5th attempt (at 156) would be past the
    // P1 SMS's 2 hours, so the 4th answer ends it.
    for (const minute of [0, 1, 6]) {
      await county.setClock(minutesAfterFiling(minute));
      expect(await sendSms()).toEqual({ ...NOTHING, retried: 1 });
    }
    await county.setClock(minutesAfterFiling(36));
    expect(await sendSms()).toEqual({ ...NOTHING, expired: 1 });
    expect(stand.received).toHaveLength(4);
    const [row] = await sut.app.get(DataSource).getRepository(SmsMessageEntity).find();
    expect(row).toMatchObject({ status: 'expired', attempts: 4 });

    // A caller's 办结 lives 3 days: a rate limit is waited out beyond the five attempts of a failure.
    stand.received.length = 0;
    limited(6);
    const operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    const hotline = await submitReport(sut.baseUrl, operator.token, {
      channel: 'hotline',
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-11-17T08:00:00+08:00',
      child: { name: CHILD },
      reporter: { name: CALLER, phone: CALLER_PHONE, smsConsent: true },
    });
    await signAndResolveAll(hotline.id);
    let minute = 36;
    for (const wait of [0, 1, 5, 30, 120, 120]) {
      minute += wait;
      await county.setClock(minutesAfterFiling(minute));
      expect(await sendSms()).toEqual({ ...NOTHING, retried: 1 });
    }
    await county.setClock(minutesAfterFiling(minute + 120));
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
    expect(stand.received).toHaveLength(7);
  });

  /** Both orders of a dropout report signed and resolved, by the township (lead) and education. */
  async function signAndResolveAll(reportId: string): Promise<void> {
    for (const unit of ['township', 'education'] as const) {
      const { token } = county.sessions[unit];
      const order = await orderOf(sut.baseUrl, token, reportId, unit);
      await act(sut.baseUrl, token, order.id, 'sign');
      await act(sut.baseUrl, token, order.id, 'resolve', {
        outcome: unit === 'township' ? 'returned_to_school' : 'answered',
        reporterSummary: '孩子的情况已处理完毕。',
        detail: '已处理。',
      });
    }
  }

  it('after a long outage texts each phone one escalation per report, at the highest stage reached', async () => {
    await setDutyPhone(county.units.civil, '13900000120');
    await file(['violence_abuse']);
    await sendSms();
    stand.received.length = 0;

    // Three weeks later one sweep finds every clock of the three P1 orders past 100 % and 200 %.
    await county.setClock(minutesAfterFiling(21 * 24 * 60));
    await county.sweep();
    await county.sweep();
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 4 });
    expect(sent().sort()).toEqual(
      [
        to(PHONES.police, SMS_TEMPLATES.duty_escalation),
        to('13900000120', SMS_TEMPLATES.duty_escalation),
        to(PHONES.coordinator, SMS_TEMPLATES.duty_escalation),
        to(PHONES.city, SMS_TEMPLATES.duty_escalation),
      ].sort(),
    );
    for (const sms of stand.received) expect(sms.body.TemplateParamSet?.[1]).toMatch(/超时两倍$/);
  });

  it('texts the duty phone when an order is raised to P1, once; lowering sends nothing', async () => {
    const TOWNSHIP_PHONE = '13900000130';
    await setDutyPhone(county.units.township, TOWNSHIP_PHONE);
    const report = await file(['dropout']);
    const { token } = county.sessions.coordinator;
    const township = await orderOf(sut.baseUrl, token, report.id, 'township');
    expect(await sendSms()).toEqual(NOTHING);

    await county.setClock(minutesAfterFiling(10));
    await act(sut.baseUrl, token, township.id, 'priority', {
      priority: 'P1',
      reason: '来电人补充孩子今晚无人照看',
    });
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
    expect(sent()).toEqual([to(TOWNSHIP_PHONE, SMS_TEMPLATES.duty_order)]);
    const raised = await orderOf(sut.baseUrl, token, report.id, 'township');
    expect(stand.received[0].body.TemplateParamSet?.[3]).toBe(
      raised.signDueAt && chineseShortDateTime(raised.signDueAt),
    );

    await act(sut.baseUrl, token, township.id, 'priority', {
      priority: 'P2',
      reason: '核实后不紧急',
    });
    expect(await sendSms()).toEqual(NOTHING);
    expect(stand.received).toHaveLength(1);
  });

  it('sends a duty SMS to the duty phone the unit has when sending: a new number, or none', async () => {
    await file(['violence_abuse']);
    await setDutyPhone(county.units.police, '13900000119');
    expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
    expect(sent()).toEqual([to('13900000119', SMS_TEMPLATES.duty_order)]);

    await file(['missing_trafficked']);
    await setDutyPhone(county.units.police, null);
    expect(await sendSms()).toEqual({ ...NOTHING, noPhone: 1 });
    expect(stand.received).toHaveLength(1);
    const statuses = (await sut.app.get(DataSource).getRepository(SmsMessageEntity).find()).map(
      (row) => row.status,
    );
    expect(statuses.sort()).toEqual(['no_phone', 'sent']);
  });

  describe('a hotline caller', () => {
    let operator: AuthResponse;

    beforeEach(async () => {
      operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    });

    const call = (smsConsent: boolean) =>
      submitReport(sut.baseUrl, operator.token, {
        channel: 'hotline',
        situations: ['dropout'],
        location: { divisionCode: TOWN },
        discoveredAt: '2026-11-17T08:00:00+08:00',
        child: { name: CHILD },
        reporter: { name: CALLER, phone: '139 1234 5678', smsConsent },
      });

    /** 受理: the lead (township) order is signed. */
    async function accept(reportId: string): Promise<void> {
      const { token } = county.sessions.township;
      const order = await orderOf(sut.baseUrl, token, reportId, 'township');
      await act(sut.baseUrl, token, order.id, 'sign');
    }

    /** 办结: both orders are resolved. */
    async function close(reportId: string): Promise<void> {
      const { token } = county.sessions.township;
      const order = await orderOf(sut.baseUrl, token, reportId, 'township');
      await act(sut.baseUrl, token, order.id, 'resolve', {
        outcome: 'returned_to_school',
        reporterSummary: `${CHILD}已回到学校上课。`,
        detail: '与家长面谈两次。',
      });
      const education = await orderOf(
        sut.baseUrl,
        county.sessions.education.token,
        reportId,
        'education',
      );
      await act(sut.baseUrl, county.sessions.education.token, education.id, 'sign');
      await act(sut.baseUrl, county.sessions.education.token, education.id, 'resolve', {
        outcome: 'answered',
        reporterSummary: '已答复来电人。',
        detail: '电话联系学校。',
      });
    }

    it('who agreed gets an SMS at 受理 and at 办结 with the code and the outcome label only; one who did not gets none', async () => {
      const agreed = await call(true);
      const declined = await call(false);
      await accept(agreed.id);
      await accept(declined.id);
      expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
      await close(agreed.id);
      await close(declined.id);
      expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });

      expect(sent()).toEqual([
        to(CALLER_PHONE, SMS_TEMPLATES.caller_accepted),
        to(CALLER_PHONE, SMS_TEMPLATES.caller_closed),
      ]);
      expect(stand.received.map((sms) => sms.body.TemplateParamSet)).toEqual([
        [agreed.trackingCode],
        [agreed.trackingCode, OUTCOME_LABELS.returned_to_school],
      ]);
    });

    it('is not sent a 受理 still waiting when the report closes: only the 办结 goes', async () => {
      const agreed = await call(true);
      await accept(agreed.id);
      await close(agreed.id);

      expect(await sendSms()).toEqual({ ...NOTHING, sent: 1 });
      expect(sent()).toEqual([to(CALLER_PHONE, SMS_TEMPLATES.caller_closed)]);
      const accepted = await sut.app
        .get(DataSource)
        .getRepository(SmsMessageEntity)
        .findOneByOrFail({ kind: 'caller_accepted' });
      expect(accepted.status).toBe('superseded');
    });

    it('keeps the caller 办结 until its time to live, then marks it expired unsent', async () => {
      const agreed = await call(true);
      await accept(agreed.id);
      await close(agreed.id);
      const ttlMinutes = SMS_TIME_TO_LIVE.caller_closed.ms / 60_000;

      await county.setClock(minutesAfterFiling(ttlMinutes - 10));
      stand.answers.push({ httpStatus: 502 });
      expect(await sendSms()).toEqual({ ...NOTHING, retried: 1 });
      await county.setClock(minutesAfterFiling(ttlMinutes + 1));
      expect(await sendSms()).toEqual({ ...NOTHING, expired: 1 });
      expect(stand.received).toHaveLength(1);
    });

    it('cannot agree to SMS without a mobile', async () => {
      const landline = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
        token: operator.token,
        headers: { 'idempotency-key': 'consent-landline-0001' },
        body: {
          channel: 'hotline',
          situations: ['dropout'],
          immediateDanger: false,
          description: '孩子已经两周没有来上学了。',
          discoveredAt: '2026-11-17T08:00:00+08:00',
          location: { divisionCode: TOWN },
          child: {},
          reporter: { anonymous: false, phone: '0557-7011110', smsConsent: true },
        },
      });
      expect(landline.status).toBe(400);
      expect(landline.body.errors).toHaveProperty(['reporter.smsConsent']);
    });
  });

  it('refuses a duty phone that cannot receive an SMS', async () => {
    const answer = await http<ApiErrorBody>(
      sut.baseUrl,
      'PATCH',
      `/admin/units/${county.units.civil.id}`,
      { token: county.sessions.admin.token, body: { dutyPhone: '0557-7011110' } },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({ dutyPhone: '值班电话应为能收短信的手机号' });
    expect((await setDutyPhone(county.units.police, null)).dutyPhone).toBeUndefined();
  });
});
