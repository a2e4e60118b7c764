import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import type { OrderDetail } from '@shouhu/shared';
import { IS_PHONE } from '../../src/common/identity-validators';
import { ReportChildDto, ReportReporterDto } from '../../src/intake/dto/create-report.dto';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** The report body's phone fields, read from the DTOs' own rules, so a new one is walked too. */
function phoneFields(): string[] {
  const nested = { child: ReportChildDto, reporter: ReportReporterDto };
  return Object.entries(nested).flatMap(([prefix, dto]) =>
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .filter((rule) => rule.name === IS_PHONE)
      .map((rule) => `${prefix}.${rule.propertyName}`),
  );
}

/**
 * A phone is kept as a number staff can dial: whatever the reporter typed (+86, dashes, spaces,
 * full-width digits, or the 86 a number keyboard leaves of +86), police read 13800001234.
 */
describe('phones in a report are stored as numbers staff can dial', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp();
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const asTyped = [
    '+86 138-0000-1234',
    '8613800001234',
    '１３８ ０００ ０１２３４',
    '0086-138-0000-1234',
  ];

  it('walks every phone field of the report body', () => {
    expect(phoneFields().sort()).toEqual(['child.guardianPhone', 'reporter.phone']);
  });

  it.each(asTyped)('shows %s to the police as 13800001234 in every phone field', async (typed) => {
    const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
      child: { name: '小明', guardianPhone: typed },
      reporter: { anonymous: false, confidential: false, name: '王老师', phone: typed },
    });
    const order = await orderOf(sut.baseUrl, county.sessions.police.token, report.id, 'police');
    const detail = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
      token: county.sessions.police.token,
    });
    const shown = detail.body.report as unknown as Record<string, Record<string, unknown>>;

    for (const field of phoneFields()) {
      const [group, name] = field.split('.');
      expect([field, shown[group]?.[name]]).toEqual([field, '13800001234']);
    }
  });
});
