import {
  PRIORITY_LABELS,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  situation,
  type OrderSummary,
  type Page as ApiPage,
  type SituationCode,
} from '@shouhu/shared';
import {
  SMS_TEMPLATES,
  startSmsStandIn,
  type SmsStandIn,
} from '../../server/test/setup/sms-stand-in';
import { apiClient } from '../support/api-client';
import { openPhonePage, screenshot } from '../support/browser';
import {
  ADMIN_OPENID,
  SICHENG,
  SIXIAN,
  countyUnit,
  setUpCounty,
  type County,
} from '../support/county';
import { useH5Suite } from '../support/h5-suite';
import { chooseTown, fillReport, submitReport } from '../support/report-form';

const COORDINATOR = 'e2e-coordinator';
const CHILD = '李小花';
const REPORTER = '王建国';
const REPORTER_PHONE = '13812345678';

/** The duty phones of the county set up below, as the SMS goes to them. */
const DUTY = { police: '13900000110', township: '13900000100', education: '13900000120' };

/**
 * The ways a report filed in the browser becomes P1 (domain.md, Routing 2 and 3), the departments
 * each reaches, and the duty phones of those that have one (civil affairs has none).
 */
const P1_REPORTS: {
  name: string;
  danger: boolean;
  situation: SituationCode;
  description: string;
  departments: string[];
  texted: string[];
}[] = [
  {
    name: 'statutory',
    danger: false,
    situation: 'violence_abuse',
    description: '邻居家孩子身上经常有淤青，昨晚又听到打骂声和哭声。',
    departments: ['civil_affairs', 'police', 'township'],
    texted: [DUTY.police, DUTY.township],
  },
  {
    name: 'in-danger',
    danger: true,
    situation: 'dropout',
    description: '孩子一个月没上学，刚才看到他被几个大人拉上了一辆面包车。',
    departments: ['education', 'police', 'township'],
    texted: [DUTY.police, DUTY.township, DUTY.education],
  },
];

/** Every text a duty-phone SMS must never carry: it may be read on a locked screen. */
const FORBIDDEN = [
  CHILD,
  REPORTER,
  REPORTER_PHONE,
  ...P1_REPORTS.map((r) => r.description),
  ...SITUATION_CODES.flatMap((code) => [
    situation(code).legalLabel,
    situation(code).plainLabel,
    SITUATION_SHORT_LABELS[code],
  ]),
];

describe('H5 app: a P1 report reaches the duty phones as an SMS through the Tencent Cloud stand-in', () => {
  let stand: SmsStandIn;
  // Filled in once the stand-in listens; this hook runs before the suite starts the server.
  const env: Record<string, string> = {
    ADMIN_OPENIDS: ADMIN_OPENID,
    DIVISIONS: SIXIAN.code,
    SIMULATED_CLOCK: 'true',
    // Only POST /admin/sms/send sends, so each count below is of one report's messages.
    NOTIFY_INTERVAL_SECONDS: '0',
  };
  beforeAll(async () => {
    stand = await startSmsStandIn();
    Object.assign(env, stand.env);
  });
  afterAll(async () => {
    await stand?.close();
  });
  const suite = useH5Suite('p1-sms', env);
  const api = apiClient(() => suite.server.apiBase);
  let county: County;

  // Every unit but civil affairs has a duty phone, typed as people type them.
  beforeAll(async () => {
    county = await setUpCounty(
      api,
      {
        name: '泗县未成年人保护联席会议办公室',
        department: 'coordinator',
        divisionPrefixes: [SIXIAN.code],
        dutyPhone: '139 0000 0001',
        staff: COORDINATOR,
      },
      [
        countyUnit('police', '泗县公安局', { dutyPhone: '+86 139-0000-0110' }),
        countyUnit('civil_affairs', '泗县民政局'),
        countyUnit('education', '泗县教育局', { dutyPhone: DUTY.education }),
        {
          name: '泗城镇儿童督导站',
          department: 'township',
          divisionPrefixes: [SICHENG.code],
          dutyPhone: DUTY.township,
        },
      ],
    );
  });

  it.each(P1_REPORTS)(
    'texts each unit with a duty phone that holds an order of the $name report, once, naming nobody',
    async ({ name, danger, situation: code, description, departments, texted }) => {
      stand.received.length = 0;
      const page = await openPhonePage(suite.browser);
      await page.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
      await fillReport(page, {
        danger,
        situation: code,
        place: (p) => chooseTown(p, SICHENG.name),
        description,
        childName: CHILD,
        reporterName: REPORTER,
        reporterPhone: REPORTER_PHONE,
      });
      await screenshot(page, `p1-sms-${name}-1-review`);
      await submitReport(page);
      await page.locator('.receipt-code').waitFor();
      await screenshot(page, `p1-sms-${name}-2-receipt`);
      const reportId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';

      const all = await api.call<ApiPage<OrderSummary>>(
        'GET',
        '/orders?pageSize=100',
        await api.login(COORDINATOR),
      );
      const orders = all.items.filter((o) => o.reportId === reportId);
      expect(orders.map((o) => [o.department, o.priority]).sort()).toEqual(
        departments.map((department) => [department, 'P1']),
      );
      const phones = texted.map((phone) => `+86${phone} ${SMS_TEMPLATES.duty_order}`);

      const tally = await api.call<{ sent: number }>('POST', '/admin/sms/send', county.adminToken);
      expect(tally.sent).toBe(phones.length);
      const received = stand.received.map(
        (sms) => `${sms.body.PhoneNumberSet?.join()} ${sms.body.TemplateId}`,
      );
      expect(received.sort()).toEqual(phones.sort());
      for (const sms of stand.received) {
        expect(sms.action).toBe('SendSms');
        const params = sms.body.TemplateParamSet ?? [];
        expect(params[0]).toBe(PRIORITY_LABELS.P1);
        const text = params.join(' ');
        for (const word of FORBIDDEN) expect(text).not.toContain(word);
      }
      // Sent once: the next run of the sender finds nothing to send.
      expect(
        (await api.call<{ sent: number }>('POST', '/admin/sms/send', county.adminToken)).sent,
      ).toBe(0);
      expect(stand.received).toHaveLength(phones.length);
    },
  );
});
