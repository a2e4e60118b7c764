import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  OrderDetail,
  OrderSummary,
  Page as ApiPage,
  ReportDetails,
  ReporterReportView,
} from '@shouhu/shared';
import { openPhonePage, screenshot } from '../support/browser';
import { apiClient } from '../support/api-client';
import { useH5Suite } from '../support/h5-suite';
import {
  answerNoDanger,
  chooseDropout,
  chooseSichengTown,
  describeWhatHappened,
  nextStep,
  storedToken,
  submitReport,
} from '../support/report-form';

/** A real PNG (1×1, red): the server decodes it and shows handlers a re-encoded JPEG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

describe('H5 app: danger, evidence, position and a bound institution', () => {
  // The demo county: 泗城镇's supervisor receives the reports, demo-admin issues invitations.
  const suite = useH5Suite('reporter-paths', { DEMO_DATA: 'true' });

  const { call: api, login } = apiClient(() => suite.server.apiBase);

  const reportIdOf = (url: string) => new URL(url.replace('/#/', '/')).searchParams.get('id') ?? '';

  it('asks to call 110 first when the child is in danger, and still files the report', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
    await page.locator('.choice', { hasText: /^有危险$/ }).click();

    await page.getByText('孩子有危险，请先拨打110').waitFor();
    await page.locator('.nut-dialog-footer-ok', { hasText: '拨打110' }).waitFor();
    await screenshot(page, 'danger-1-call-110-first');
    await page.locator('.nut-dialog-footer-cancel', { hasText: '继续填写' }).click();
    await page.locator('.danger-box .big-button-danger', { hasText: '立即拨打110' }).waitFor();

    await nextStep(page, '您看到了什么情况？（可多选）');
    await page.locator('.choice', { hasText: '身上多处伤、严重营养不良、神志不清' }).click();
    await nextStep(page, '孩子在哪里？');
    await chooseSichengTown(page);
    await nextStep(page, '孩子的情况');
    await nextStep(page, '发生了什么');
    await describeWhatHappened(page, '隔壁孩子被父亲用皮带抽打，身上有很多伤，现在还在哭。');
    await nextStep(page, '您的身份');
    await nextStep(page, '请核对后提交');
    await page.locator('.review-value', { hasText: '有危险' }).waitFor();
    await submitReport(page);

    await page.locator('.receipt-code').waitFor();
    await page.getByText('孩子有危险，请立即拨打110').waitFor();
    await page.locator('.receipt-order', { hasText: '公安（牵头）' }).waitFor();
    await screenshot(page, 'danger-2-receipt');
    const filed = await api<ReporterReportView>(
      'GET',
      `/reports/${reportIdOf(page.url())}`,
      await storedToken(page),
    );
    expect(filed.priority).toBe('P1');
    expect(filed.orders.map((o) => [o.department, o.role])).toContainEqual(['police', 'lead']);
  });

  it('attaches a photo and the current position, and the handler receives both', async () => {
    const page = await openPhonePage(suite.browser, {
      geolocation: { latitude: 33.4781, longitude: 117.8839 },
      permissions: ['geolocation'],
    });
    await page.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
    await answerNoDanger(page);
    await chooseDropout(page);
    await chooseSichengTown(page);

    await page.locator('.report-locate').click();
    await page.getByText('使用前请阅读《隐私说明》').waitFor();
    await screenshot(page, 'evidence-1-privacy');
    await page.locator('.privacy-agree').click();
    await page.locator('.report-located').waitFor();

    await nextStep(page, '孩子的情况');
    await nextStep(page, '发生了什么');
    await describeWhatHappened(page, '孩子两周没上学，书包扔在村口，照片是他家门口。');
    const photo = join(mkdtempSync(join(tmpdir(), 'shouhu-photo-')), 'door.png');
    writeFileSync(photo, PNG);
    const chooser = page.waitForEvent('filechooser');
    await page.locator('.evidence-add').click();
    await (await chooser).setFiles(photo);
    await page.locator('.evidence-state', { hasText: '已上传 1' }).waitFor();
    await screenshot(page, 'evidence-2-uploaded');
    await nextStep(page, '您的身份');
    await nextStep(page, '请核对后提交');
    await page.locator('.review-value', { hasText: '（附1个文件）' }).waitFor();
    await page.locator('.review-value', { hasText: '已标记位置' }).waitFor();
    await submitReport(page);
    await page.locator('.receipt-code').waitFor();
    const reportId = reportIdOf(page.url());

    const handler = await login('demo-township');
    const orders = await api<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', handler);
    const order = orders.items.find((o) => o.reportId === reportId);
    if (!order) throw new Error('the township supervisor did not receive the report');
    const detail = await api<OrderDetail<ReportDetails>>('GET', `/orders/${order.id}`, handler);
    expect(detail.report.location).toMatchObject({ latitude: 33.4781, longitude: 117.8839 });
    expect(detail.report.attachments).toHaveLength(1);
    const file = await fetch(
      `${suite.server.apiBase}/orders/${order.id}/attachments/${detail.report.attachments[0].id}`,
      { headers: { authorization: `Bearer ${handler}` } },
    );
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 3)).toEqual(
      Buffer.from([0xff, 0xd8, 0xff]),
    );
  });

  it('binds a teacher to a school with an invitation and files as 强制报告', async () => {
    const admin = await login('demo-admin');
    const { code } = await api<{ code: string }>('POST', '/admin/invites', admin, {
      role: 'mandated_reporter',
      orgName: '泗县第一小学',
      orgType: 'school',
    });
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.home-bind').click();
    await page.locator('.bind-code input').fill('WRONG-CODE');
    await page.locator('.bind-submit').click();
    await page.locator('.bind-problem').waitFor();

    await page.locator('.bind-code input').fill(code.toLowerCase());
    await page.locator('.bind-submit').click();
    await page.locator('.bind-org', { hasText: '泗县第一小学' }).waitFor();
    await screenshot(page, 'bind-1-bound');

    await page.locator('.bind-report').click();
    await answerNoDanger(page);
    await chooseDropout(page);
    await chooseSichengTown(page);
    await nextStep(page, '孩子的情况');
    await nextStep(page, '发生了什么');
    await describeWhatHappened(page, '三年级学生连续两周无故缺课，家访时家中无人。');
    await nextStep(page, '您的身份');
    await page.getByText('以“泗县第一小学”的名义强制报告。').waitFor();
    await nextStep(page, '请核对后提交');
    await submitReport(page);
    await page.locator('.receipt-code').waitFor();

    const handler = await login('demo-township');
    const orders = await api<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', handler);
    const order = orders.items.find((o) => o.reportId === reportIdOf(page.url()));
    if (!order) throw new Error('the township supervisor did not receive the report');
    const detail = await api<OrderDetail<ReportDetails>>('GET', `/orders/${order.id}`, handler);
    expect(detail.report.channel).toBe('mandatory');
  });
});
