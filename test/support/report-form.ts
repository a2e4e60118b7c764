import type { Page } from 'playwright-core';
import { situation, type SituationCode } from '@shouhu/shared';
import { screenshot } from './browser';

/** Options for walking the form: a name prefix saves a screenshot of every step. */
export interface WalkOptions {
  screenshots?: string;
}

async function shot(page: Page, options: WalkOptions, step: string): Promise<void> {
  if (options.screenshots) await screenshot(page, `${options.screenshots}-${step}`);
}

export async function nextStep(page: Page, nextTitle: string): Promise<void> {
  await page.locator('.report-next').click();
  await page.locator('.section-title', { hasText: nextTitle }).waitFor();
}

export async function answerNoDanger(page: Page, options: WalkOptions = {}): Promise<void> {
  await page.getByText('孩子现在有危险吗？', { exact: true }).waitFor();
  await page.locator('.choice', { hasText: /^没有$/ }).click();
  await shot(page, options, 'step-1-danger');
  await nextStep(page, '您看到了什么情况？（可多选）');
}

/** A dropout whose whereabouts the reporter knows (the form asks for dropouts). */
export async function chooseDropout(page: Page, options: WalkOptions = {}): Promise<void> {
  await page.locator('.choice', { hasText: '不上学了，或无故旷课一周以上、劝不回来' }).click();
  await answerWhereaboutsKnown(page);
  await shot(page, options, 'step-2-situations');
  await nextStep(page, '孩子在哪里？');
}

/** 知道孩子现在在哪里吗？ → 知道: asked once dropout is chosen, by both the checklist and the quick keys. */
export async function answerWhereaboutsKnown(page: Page): Promise<void> {
  await page.getByText('知道孩子现在在哪里吗？', { exact: true }).waitFor();
  await page.locator('.whereabouts .choice', { hasText: /^知道$/ }).click();
}

/** 泗城镇 of 泗县, where the demo county has a supervisor. */
export async function chooseSichengTown(page: Page): Promise<void> {
  await chooseTown(page, '泗城镇');
}

/** A town of 泗县 (the form starts at 泗县), without going down to a village. */
export async function chooseTown(page: Page, town: string): Promise<void> {
  await page.locator('.division-field').getByText('安徽省 宿州市 泗县').waitFor();
  await page.locator('.division-field').click();
  await page.locator('.division-option', { hasText: town }).click();
  await page.locator('.big-button', { hasText: `就选${town}` }).click();
  await page.locator('.division-field').getByText(`安徽省 宿州市 泗县 ${town}`).waitFor();
  await page.locator('.division-panel').waitFor({ state: 'detached' });
}

/** 泗县 itself: the reporter opens the list and taps 就选泗县（不清楚更细的地方也可以）. */
export async function chooseCountyOnly(page: Page): Promise<void> {
  await page.locator('.division-field').getByText('安徽省 宿州市 泗县').waitFor();
  await page.locator('.division-field').click();
  await page.locator('.division-done', { hasText: '不清楚更细的地方也可以' }).click();
  await page.locator('.division-panel').waitFor({ state: 'detached' });
  await page
    .locator('.division-field')
    .getByText(/^安徽省 宿州市 泗县$/)
    .waitFor();
}

/**
 * Ticks one situation by the words the form shows (`situation(code).plainLabel`) and answers what
 * it asks next: 知道孩子现在在哪里吗？ 知道 for a dropout, 孩子今晚安全吗？ 安全 for a statutory one
 * after 没有 at the danger step (a statutory report is P1 and police-led either way).
 */
export async function chooseSituation(
  page: Page,
  code: SituationCode,
  { danger = false }: { danger?: boolean } = {},
): Promise<void> {
  await page.locator('.choice', { hasText: situation(code).plainLabel }).click();
  if (code === 'dropout') await answerWhereaboutsKnown(page);
  if (!danger && situation(code).category === 'statutory') {
    await page.locator('.safe-tonight .choice', { hasText: /^安全$/ }).click();
    await page.locator('.safe-tonight').waitFor({ state: 'detached' });
  }
}

/** What a reporter answers in `fillReport`; no child name and no reporter name unless given. */
export interface ReportAnswers {
  /** 有危险 at the first step (the 110 dialog is left with 继续填写); otherwise 没有. */
  danger?: boolean;
  situation: SituationCode;
  /** Picks the place on the 地点 step. */
  place: (page: Page) => Promise<void>;
  description: string;
  childName?: string;
  /** Typed under 保密 (the default), so only the police and the coordinator see it. */
  reporterName?: string;
  reporterPhone?: string;
}

/** Walks the seven steps with `answers`; ends on the review step. */
export async function fillReport(page: Page, answers: ReportAnswers): Promise<void> {
  if (answers.danger) {
    await page.locator('.choice', { hasText: /^有危险$/ }).click();
    await page.locator('.nut-dialog-footer-cancel', { hasText: '继续填写' }).click();
    await nextStep(page, '您看到了什么情况？（可多选）');
  } else {
    await answerNoDanger(page);
  }
  await chooseSituation(page, answers.situation, { danger: answers.danger });
  await nextStep(page, '孩子在哪里？');
  await answers.place(page);
  await nextStep(page, '孩子的情况');
  if (answers.childName) await page.locator('.report-child-name input').fill(answers.childName);
  await nextStep(page, '发生了什么');
  await describeWhatHappened(page, answers.description);
  await nextStep(page, '您的身份');
  if (answers.reporterName) {
    await page.locator('.report-reporter-name input').fill(answers.reporterName);
  }
  if (answers.reporterPhone) {
    await page.locator('.report-reporter-phone input').fill(answers.reporterPhone);
  }
  await nextStep(page, '请核对后提交');
}

export async function describeWhatHappened(page: Page, description: string): Promise<void> {
  await page.locator('.report-description textarea').fill(description);
}

/**
 * Answers the questions as a neighbour would: no danger, a dropout in 泗城镇, nothing known about
 * the child, confidential. Ends on the review step.
 */
export async function fillDropoutReport(
  page: Page,
  description: string,
  options: WalkOptions = {},
): Promise<void> {
  await answerNoDanger(page, options);
  await chooseDropout(page, options);
  await chooseSichengTown(page);
  await shot(page, options, 'step-3-place');
  await nextStep(page, '孩子的情况');
  await shot(page, options, 'step-4-child');
  await nextStep(page, '发生了什么');
  await describeWhatHappened(page, description);
  await shot(page, options, 'step-5-story');
  await nextStep(page, '您的身份');
  await shot(page, options, 'step-6-reporter');
  await nextStep(page, '请核对后提交');
  await shot(page, options, 'step-7-review');
}

/** 提交报告, then 确认提交 in the dialog that asks first. */
export async function submitReport(page: Page): Promise<void> {
  await page.locator('.report-submit').click();
  await page.locator('.nut-dialog-footer-ok', { hasText: '确认提交' }).click();
}

/** Taro's H5 storage wraps every value as `{"data": …}` in localStorage. */
export async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('shouhu.token'));
  if (!raw) throw new Error('the app stored no token');
  return (JSON.parse(raw) as { data: string }).data;
}
