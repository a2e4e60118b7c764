import { higherPriority, priorityText } from './priorities';

describe(priorityText.name, () => {
  it.each([
    ['P1', 'P1 紧急'],
    ['P2', 'P2 加急'],
    ['P3', 'P3 一般'],
  ] as const)('%s → %s', (priority, text) => {
    expect(priorityText(priority)).toBe(text);
  });
});

describe(higherPriority.name, () => {
  it.each([
    ['P1', 'P3', 'P1'],
    ['P3', 'P2', 'P2'],
    ['P2', 'P2', 'P2'],
  ] as const)('%s and %s → %s', (a, b, higher) => {
    expect(higherPriority(a, b)).toBe(higher);
  });
});
