import type { Page } from 'playwright-core';

/** Answers the form's questions as a neighbour would: no danger, a dropout, 泗城镇. */
export async function fillDropoutReport(page: Page, description: string): Promise<void> {
  await page.getByText('孩子现在有危险吗？').waitFor();
  await page.locator('.choice', { hasText: /^没有$/ }).click();
  await page.locator('.choice', { hasText: '不上学了，或无故旷课一周以上、劝不回来' }).click();
  await page.locator('.report-description textarea').fill(description);
  await page.locator('.division-field').getByText('安徽省 宿州市 泗县').waitFor();
  await page.locator('.division-field').click();
  await page.locator('.division-option', { hasText: '泗城镇' }).click();
  await page.locator('.big-button', { hasText: '就选泗城镇' }).click();
  await page.locator('.division-field').getByText('安徽省 宿州市 泗县 泗城镇').waitFor();
  await page.locator('.division-panel').waitFor({ state: 'detached' });
}

/** Taro's H5 storage wraps every value as `{"data": …}` in localStorage. */
export async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('shouhu.token'));
  if (!raw) throw new Error('the app stored no token');
  return (JSON.parse(raw) as { data: string }).data;
}
