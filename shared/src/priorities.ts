export const PRIORITIES = ['P1', 'P2', 'P3'] as const;

export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, string> = {
  P1: '紧急',
  P2: '加急',
  P3: '一般',
};

/** `P1 紧急`: a priority with its name, on badges and in choices. */
export function priorityText(priority: Priority): string {
  return `${priority} ${PRIORITY_LABELS[priority]}`;
}

/** The more urgent of two priorities (P1 is the most urgent). */
export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) <= PRIORITIES.indexOf(b) ? a : b;
}
