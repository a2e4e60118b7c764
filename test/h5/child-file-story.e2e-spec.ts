import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  shanghaiDate,
  type ChildFileDetail,
  type ChildFileSummary,
  type OrderDetail,
  type OrderSummary,
  type Page as ApiPage,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { ARTIFACTS_DIR, screenshot } from '../support/browser';
import { useH5Suite } from '../support/h5-suite';
import {
  answerNoDanger,
  chooseDropout,
  chooseSichengTown,
  describeWhatHappened,
  nextStep,
  submitReport,
} from '../support/report-form';
import { REPO_ROOT } from '../support/server';
import { act, phoneOf } from '../support/staff';

const CHILD = '郑小禾';
/** The 新建档案 date picker opens at 1 January 2015; 确定 keeps it. */
const BIRTH_DATE = '2015-01-01';
const GUARDIAN_PHONE = '13912345678';
const STORY = `学生${CHILD}父母在外打工，跟着奶奶住，已经一周多没来上学，奶奶说家里交不起伙食费。`;

/** The story's screens, and the two README shows, at the viewport the other README shots use. */
async function shot(page: Page, name: string, readme?: string): Promise<void> {
  await screenshot(page, `child-file-${name}`);
  if (!readme) return;
  const docs = resolve(REPO_ROOT, 'docs', 'screenshots');
  mkdirSync(docs, { recursive: true });
  copyFileSync(resolve(ARTIFACTS_DIR, `child-file-${name}.png`), resolve(docs, `${readme}.png`));
}

/** The nut dialog that is on screen (closed ones stay in the page, hidden). */
async function confirm(page: Page, text: string | RegExp): Promise<void> {
  const dialog = page.locator('.nut-dialog').filter({ visible: true });
  await dialog.getByText(text).waitFor();
  await dialog.locator('.nut-dialog-footer-ok', { hasText: '确认' }).click();
}

async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.taro__toast p', { hasText: text }).waitFor();
}

describe('H5 app: a child’s file, from 摸排 to the county’s timeline', () => {
  const suite = useH5Suite('child-file-story', { DEMO_DATA: 'true' });
  const api = apiClient(() => suite.server.apiBase);

  it('a village file takes the teacher’s report, the handoff and the handover; another township sees nothing', async () => {
    // 1. The 儿童主任 of 关庙村 finds a left-behind child in 摸排 and opens a file.
    const village = await phoneOf(suite.browser, 'demo-village-guanmiao');
    await village.goto(`${suite.server.origin}/`);
    await village.locator('.home-children').click();
    await village.locator('.children-new').click();
    await village.locator('.edit-page').waitFor();
    await village.locator('.edit-child-name input').fill(CHILD);
    await village.locator('.edit-birth-date').click();
    await village.locator('.weui-picker__action', { hasText: '确定' }).click();
    await village.locator('.edit-birth-date', { hasText: '2015年1月1日' }).waitFor();
    await village.locator('.edit-categories .choice', { hasText: '农村留守儿童' }).click();
    await village.locator('.edit-guardian-name input').fill('郑大山');
    await village.locator('.edit-guardian-phone input').fill(GUARDIAN_PHONE);
    await village.locator('.edit-guardian-relation input').fill('父亲');
    await shot(village, '1-new-file');
    await village.locator('.edit-save').click();
    await toast(village, '已建档');
    await village.locator('.file-page .file-row-name', { hasText: CHILD }).waitFor();
    const fileId = new URL(village.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(fileId).not.toBe('');
    await village.locator('.file-reports', { hasText: '还没有关于这个孩子的报告' }).waitFor();
    await shot(village, '1b-file-opened');

    // 2. A teacher reports the same child (name, age, town: the same child by domain rule 4).
    const teacher = await phoneOf(suite.browser, 'demo-reporter');
    await teacher.goto(`${suite.server.origin}/`);
    await teacher.locator('.big-button', { hasText: '我要报告（强制报告）' }).click();
    await answerNoDanger(teacher);
    await chooseDropout(teacher);
    await chooseSichengTown(teacher);
    await nextStep(teacher, '孩子的情况');
    await teacher.locator('.report-child-name input').fill(CHILD);
    const age = Number(shanghaiDate(new Date()).slice(0, 4)) - Number(BIRTH_DATE.slice(0, 4));
    await teacher.locator('.report-child-age input').fill(String(age));
    await nextStep(teacher, '发生了什么');
    await describeWhatHappened(teacher, STORY);
    await nextStep(teacher, '您的身份');
    await nextStep(teacher, '请核对后提交');
    await shot(teacher, '2-teacher-review');
    await submitReport(teacher);
    await teacher.locator('.receipt-code').waitFor();
    const reportId = new URL(teacher.url().replace('/#/', '/')).searchParams.get('id') ?? '';

    await village.reload();
    const reportEntry = village.locator('.file-report', { hasText: STORY });
    await reportEntry.waitFor();
    await shot(village, '2b-file-with-report');

    // 3. The 泗城镇 supervisor signs the township order and hands off to civil affairs.
    const townshipToken = await api.login('demo-township');
    const mine = await api.call<ApiPage<OrderSummary>>(
      'GET',
      '/orders?pageSize=100',
      townshipToken,
    );
    const order = mine.items.find((o) => o.reportId === reportId && o.department === 'township');
    if (!order) throw new Error('the township did not receive the teacher’s report');
    const township = await phoneOf(suite.browser, 'demo-township');
    await township.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    await act(township, 'sign', { asks: true, toast: '已签收' });
    await township.locator('.order-detail-status', { hasText: '办理中' }).waitFor();
    await township.locator('.action-handoff').click();
    await township.locator('.handoff-preset-needs_relief').click();
    await township.locator('.handoff-sheet .choice-selected', { hasText: '民政' }).waitFor();
    await shot(township, '3-handoff-sheet');
    await township.locator('.handoff-sheet .sheet-submit').click();
    await confirm(township, '将请民政协办，并为其生成协办工单。确认转接？');
    await toast(township, '已转接');
    await township.locator('.order-timeline', { hasText: '转接' }).waitFor();
    await shot(township, '3b-handed-off');

    // 4. Civil affairs signs its assist order and records the written handover of 临时监护.
    const civilToken = await api.login('demo-civil');
    const theirs = await api.call<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', civilToken);
    const assist = theirs.items.find((o) => o.reportId === reportId);
    if (!assist) throw new Error('civil affairs got no assist order from the handoff');
    expect(assist.handedOffFrom).not.toBeNull();
    const civil = await phoneOf(suite.browser, 'demo-civil');
    await civil.goto(`${suite.server.origin}/#/staff/order/index?id=${assist.id}`);
    await act(civil, 'sign', { asks: true, toast: '已签收' });
    // The sheet offers this minute, the very minute the teacher filed (and found) it: a handover
    // written to the minute of discovery is not "before" it.
    await civil.locator('.action-handover').click();
    await civil.locator('.handover-handedOverBy input').fill('泗城镇儿童督导员 李娟');
    await civil.locator('.handover-receivedBy input').fill('县民政局 刘科长');
    await civil.locator('.handover-placedAt input').fill('县未成年人救助保护中心');
    await shot(civil, '4-handover-sheet');
    await civil.locator('.handover-sheet .sheet-submit').click();
    await confirm(civil, '确认记录这次交接？');
    await toast(civil, '已记录交接');
    const onOrder = civil.locator('.handover-list');
    await onOrder.getByText('交出人：泗城镇儿童督导员 李娟').waitFor();
    await onOrder.getByText('安置地点：县未成年人救助保护中心').waitFor();
    await shot(civil, '4b-order-handover');
    await civil.locator('.order-child-file').click();
    await civil
      .locator('.file-page .handover-list', { hasText: '接收人：县民政局 刘科长' })
      .waitFor();

    // 5. The county coordinator finds the file and reads its whole story.
    const coordinator = await phoneOf(suite.browser, 'demo-coordinator');
    await coordinator.goto(`${suite.server.origin}/`);
    await coordinator.locator('.home-children').click();
    await coordinator.locator('.children-search input').fill(CHILD);
    await coordinator.locator('.children-search-go').click();
    const row = coordinator.locator('.file-row', { hasText: CHILD });
    await row.waitFor();
    await coordinator.locator('.children-search input').fill('');
    await coordinator.locator('.children-search-clear').click();
    await coordinator.locator('.file-row').nth(1).waitFor();
    await shot(coordinator, '5-list', 'child-files');
    await coordinator.locator('.file-row', { hasText: CHILD }).click();
    await coordinator.locator('.file-page .file-row-name', { hasText: CHILD }).waitFor();
    const timeline = coordinator.locator('.file-timeline');
    const file = await api.call<ChildFileDetail>(
      'GET',
      `/children/${fileId}`,
      await api.login('demo-coordinator'),
    );
    for (const entry of file.timeline) await timeline.getByText(entry.text).first().waitFor();
    expect(file.timeline.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['opened', 'report', 'order']),
    );
    await timeline.getByText(/转接/).first().waitFor();
    await timeline.getByText(/交接/).first().waitFor();
    await coordinator.locator('.file-report', { hasText: STORY }).waitFor();
    await coordinator
      .locator('.file-page .handover-list', { hasText: '县未成年人救助保护中心' })
      .waitFor();
    await shot(coordinator, '5b-file', 'child-file');

    // 6. A supervisor of 墩集镇 tries the file's address: 404, nothing of the child.
    const stranger = await phoneOf(suite.browser, 'demo-dunji-township');
    await stranger.goto(`${suite.server.origin}/#/children/file/index?id=${fileId}`);
    await stranger.locator('.file-error', { hasText: '没有找到' }).waitFor();
    expect(await stranger.getByText(CHILD).count()).toBe(0);
    expect(await stranger.getByText(GUARDIAN_PHONE).count()).toBe(0);
    await shot(stranger, '6-other-township-refused');
    const refused = await fetch(`${suite.server.apiBase}/children/${fileId}`, {
      headers: { authorization: `Bearer ${await api.login('demo-dunji-township')}` },
    });
    expect(refused.status).toBe(404);

    const detail = await api.call<OrderDetail>('GET', `/orders/${assist.id}`, civilToken);
    expect(detail.handovers).toHaveLength(1);
    const listed = await api.call<ApiPage<ChildFileSummary>>(
      'GET',
      `/children?q=${encodeURIComponent(CHILD)}`,
      await api.login('demo-village-guanmiao'),
    );
    expect(listed.items.map((f) => f.id)).toEqual([fileId]);
  });
});
