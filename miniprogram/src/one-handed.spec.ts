import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The declarations of one rule block of a stylesheet, as property → value. */
function rule(file: string, selector: string): Record<string, string> {
  const css = readFileSync(resolve(__dirname, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const blocks = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter(([, selectors]) =>
    selectors.split(',').some((s) => s.trim() === selector),
  );
  if (blocks.length === 0) throw new Error(`${file} has no rule for ${selector}`);
  return Object.fromEntries(
    blocks.flatMap(([, , body]) =>
      body
        .split(';')
        .map((d) => d.split(':').map((part) => part.trim()))
        .filter(([property, value]) => property && value)
        .map(([property, value]) => [property, value]),
    ),
  );
}

/** 44 pt, Apple's and WeChat's smallest comfortable target, in the 750-wide design units. */
const SMALLEST_TARGET = 88;
const size = (value: string | undefined) => Number(/^(\d+)px$/.exec(value ?? '')?.[1] ?? 0);

describe('pages people use one-handed', () => {
  it('centres every button’s text and makes it a large target', () => {
    const button = rule('app.css', '.big-button');
    expect(button).toMatchObject({ 'text-align': 'center', 'align-items': 'center' });
    expect(size(button['min-height'])).toBeGreaterThanOrEqual(SMALLEST_TARGET);
  });

  it.each([
    ['components/evidence-picker.css', '.evidence-remove'],
    ['components/evidence-picker.css', '.evidence-item'],
    ['pages/report/index.css', '.quick-key'],
    ['children/children.css', '.chip-choice'],
    ['pages/messages/index.css', '.message-row'],
    ['register/register.css', '.register-action'],
    ['board/index.css', '.bar-row-link'],
  ])('%s %s is at least 44 pt each way', (file, selector) => {
    const target = rule(file, selector);
    const width = size(target.width || target['min-width']) || SMALLEST_TARGET;
    const height = size(target.height || target['min-height']);
    expect(Math.min(width, height)).toBeGreaterThanOrEqual(SMALLEST_TARGET);
  });

  it('keeps 下一步 at the bottom of the screen however long the step', () => {
    expect(rule('pages/report/index.css', '.report-page .step-nav')).toMatchObject({
      position: 'sticky',
      bottom: '0',
    });
  });

  it('lets the inner text box fill its frame, so the counter below it never overlaps', () => {
    expect(rule('app.css', '.textarea textarea')).toMatchObject({
      height: '100%',
      'box-sizing': 'border-box',
    });
  });
});
